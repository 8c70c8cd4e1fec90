using YamlDotNet.RepresentationModel;

namespace LiaisonStations.IntegrationTests;

/// <summary>docker compose cannot run here (no Docker engine), so the file is checked by reading it.</summary>
public sealed class ComposeFileTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiaisonStations.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root(), "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public void The_database_is_pinned_healthy_and_on_a_named_volume()
    {
        var root = Compose();
        var db = Map(Map(root, "services"), "db");

        var image = Scalar(db, "image");
        Assert.Matches(@"^postgres:1[5-9](\.\d+)?(-[a-z0-9]+)?$", image);
        Assert.Contains("pg_isready", Map(db, "healthcheck").Children[new YamlScalarNode("test")].ToString(), StringComparison.Ordinal);
        var volume = ((YamlScalarNode)((YamlSequenceNode)db.Children[new YamlScalarNode("volumes")]).Children[0]).Value!;
        var name = volume.Split(':')[0];
        Assert.True(Map(root, "volumes").Children.ContainsKey(new YamlScalarNode(name)), $"volume {name} is not declared");
    }

    [Fact]
    public void The_app_waits_for_a_healthy_database_and_is_built_from_the_repository()
    {
        var app = Map(Map(Compose(), "services"), "app");

        Assert.Equal("service_healthy", Scalar(Map(Map(app, "depends_on"), "db"), "condition"));
        var build = Map(app, "build");
        var dockerfile = Path.Combine(Root(), Scalar(build, "context"), Scalar(build, "dockerfile"));
        Assert.True(File.Exists(dockerfile), dockerfile);
        var environment = Map(app, "environment");
        Assert.Contains("Host=db", Scalar(environment, "ConnectionStrings__Default"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_runs_as_a_runtime_role_and_migrates_as_the_owner_that_the_database_init_script_creates()
    {
        var services = Map(Compose(), "services");
        var environment = Map(Map(services, "app"), "environment");
        var runtime = new Npgsql.NpgsqlConnectionStringBuilder(Scalar(environment, "ConnectionStrings__Default"));
        var owner = new Npgsql.NpgsqlConnectionStringBuilder(Scalar(environment, "ConnectionStrings__Migrations"));

        Assert.NotEqual(runtime.Username, owner.Username);
        Assert.Equal(runtime.Database, owner.Database);
        var mount = ((YamlSequenceNode)Map(services, "db").Children[new YamlScalarNode("volumes")]).Children.Select(v => ((YamlScalarNode)v).Value!).Single(v => v.EndsWith(":/docker-entrypoint-initdb.d:ro", StringComparison.Ordinal));
        var script = File.ReadAllText(Path.Combine(Root(), mount.Split(':')[0], "10-liaison-roles.sh"));
        Assert.Contains($"CREATE ROLE {owner.Username} LOGIN", script, StringComparison.Ordinal);
        Assert.Contains($"CREATE ROLE {runtime.Username} LOGIN NOSUPERUSER", script, StringComparison.Ordinal);
        Assert.Contains($"CREATE DATABASE {runtime.Database} OWNER {owner.Username}", script, StringComparison.Ordinal);
        Assert.Equal("true", Scalar(environment, "DataProtection__AllowUnencryptedKeys"));
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user_after_a_multi_stage_build()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root(), "src", "LiaisonStations.Web", "Dockerfile"));

        Assert.True(dockerfile.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2);
        var user = dockerfile.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
    }
}
