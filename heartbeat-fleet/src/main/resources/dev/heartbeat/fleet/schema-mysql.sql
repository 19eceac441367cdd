-- Fleet heartbeats: one row per instance, upserted on each beat; times are the database's, in UTC.
-- For MariaDB (tested on 11.4) and MySQL 8 (the same SQL, not tested on MySQL itself).
-- Binary collation: names that differ in case or accents are distinct, as on the other stores.
CREATE TABLE IF NOT EXISTS ${table} (
	group_name VARCHAR(200) NOT NULL,
	instance_id VARCHAR(200) NOT NULL,
	application VARCHAR(200) NOT NULL,
	hostname VARCHAR(255) NOT NULL,
	pid BIGINT NOT NULL,
	status VARCHAR(16),
	seq BIGINT NOT NULL,
	last_beat DATETIME(3) NOT NULL,
	stale_after DATETIME(3) NOT NULL,
	metadata MEDIUMTEXT NOT NULL,
	PRIMARY KEY (group_name, instance_id),
	INDEX ${index} (group_name, stale_after)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
