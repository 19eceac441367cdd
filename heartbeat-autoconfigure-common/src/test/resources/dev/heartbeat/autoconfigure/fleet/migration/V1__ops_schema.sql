-- the schema of the fleet table, which the table needs before it can be created
CREATE SCHEMA ops;
