-- Fleet heartbeats: one row per instance, upserted on each beat; times are the database's.
CREATE TABLE IF NOT EXISTS ${table} (
	group_name VARCHAR(200) NOT NULL,
	instance_id VARCHAR(200) NOT NULL,
	application VARCHAR(200) NOT NULL,
	hostname VARCHAR(255) NOT NULL,
	pid BIGINT NOT NULL,
	status VARCHAR(16),
	seq BIGINT NOT NULL,
	last_beat TIMESTAMP WITH TIME ZONE NOT NULL,
	stale_after TIMESTAMP WITH TIME ZONE NOT NULL,
	metadata TEXT NOT NULL,
	PRIMARY KEY (group_name, instance_id)
);

CREATE INDEX IF NOT EXISTS ${index} ON ${table} (group_name, stale_after);
