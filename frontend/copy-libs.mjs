// Copies the distribution files the pages use from node_modules to wwwroot/lib.
import { cpSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This folder holds package.json and node_modules; the files go to the web project's wwwroot/lib.
const root = dirname(fileURLToPath(import.meta.url));
const lib = process.argv[2] ?? join(root, '..', 'src', 'LiaisonStations.Web', 'wwwroot', 'lib');
const copies = [
  ['bootstrap/dist/css/bootstrap.min.css', 'bootstrap/css/bootstrap.min.css'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/js/bootstrap.bundle.min.js'],
  ['bootstrap-icons/font/bootstrap-icons.min.css', 'bootstrap-icons/bootstrap-icons.min.css'],
  ['bootstrap-icons/font/fonts', 'bootstrap-icons/fonts'],
  ['echarts/dist/echarts.min.js', 'echarts/echarts.min.js'],
  ['tom-select/dist/css/tom-select.bootstrap5.min.css', 'tom-select/tom-select.bootstrap5.min.css'],
  ['tom-select/dist/js/tom-select.complete.min.js', 'tom-select/tom-select.complete.min.js'],
  ['flatpickr/dist/flatpickr.min.css', 'flatpickr/flatpickr.min.css'],
  ['flatpickr/dist/flatpickr.min.js', 'flatpickr/flatpickr.min.js'],
  ['flatpickr/dist/l10n/zh.js', 'flatpickr/l10n/zh.js'],
];
for (const [from, to] of copies) {
  const src = join(root, 'node_modules', from);
  if (!existsSync(src)) {
    console.error(`missing ${src}: run npm ci in ${root}`);
    process.exit(1);
  }
  mkdirSync(dirname(join(lib, to)), { recursive: true });
  cpSync(src, join(lib, to), { recursive: true });
}
writeFileSync(join(lib, '.complete'), new Date().toISOString());
console.log(`front-end libraries copied to ${lib}`);
