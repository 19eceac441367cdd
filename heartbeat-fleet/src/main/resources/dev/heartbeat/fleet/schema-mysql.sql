-- Fleet heartbeats: one row per instance, upserted on each beat; times are the database's.
-- For MySQL 8 and MariaDB 10.5 or later.
CREATE TABLE IF NOT EXISTS ${table} (
	group_name VARCHAR(200) NOT NULL,
	instance_id VARCHAR(200) NOT NULL,
	application VARCHAR(200) NOT NULL,
	hostname VARCHAR(255) NOT NULL,
	pid BIGINT NOT NULL,
	status VARCHAR(16),
	seq BIGINT NOT NULL,
	last_beat TIMESTAMP(3) NOT NULL,
	stale_after TIMESTAMP(3) NOT NULL,
	metadata TEXT NOT NULL,
	PRIMARY KEY (group_name, instance_id),
	INDEX ${index} (group_name, stale_after)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
