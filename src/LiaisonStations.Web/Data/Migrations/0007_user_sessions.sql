-- 0007: server-side sign-in sessions (issue 11). The cookie names a row here; signing out, disabling an
-- account or resetting its password ends the row, so a copied cookie stops working at once, and no
-- session is accepted 12 hours after its sign-in.
CREATE TABLE user_sessions (
    id uuid NOT NULL,
    user_id character varying(64) NOT NULL,
    started_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    client_address character varying(64),
    CONSTRAINT pk_user_sessions PRIMARY KEY (id),
    CONSTRAINT fk_user_sessions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_user_sessions_user_id ON user_sessions (user_id);
