-- The junheng results store (DuckDB): `junheng evaluate <dataset> --store results.duckdb`.
-- The same tables, partitioned by province, are the Parquet data set of `--format parquet`.
-- Generated from src/store/store-tables.ts; a test holds this file to it.
--
-- Query runs, subjects, verdicts, checks, dispersion, input_cells, findings, choices and county_data. Those
-- with columns that repeat a few texts on every row (level, area, indicator, verdict and the like) are views:
-- DuckDB keeps their rows in coded_<table>, each such text as a number, and coded_texts holds every text once
-- (codes 1, 2, 3 … in the order they were first written).

-- every text of a coded column, once
CREATE TABLE IF NOT EXISTS coded_texts (
  code INTEGER, -- 1, 2, 3 … : its place in the list the views read
  text VARCHAR
);

-- one row per evaluation written to the store (one dataset under one rule set); a shard of a Parquet data set writes its own row
CREATE TABLE IF NOT EXISTS runs (
  run_id         VARCHAR,   -- the run, unique in a store (--run-id, else <dataset id>~<rule set id>, with ~2, ~3 … when taken)
  ruleset_id     VARCHAR,   -- the rule set id
  ruleset_hash   VARCHAR,   -- sha256 of the resolved rule set's content
  dataset_id     VARCHAR,   -- the dataset id
  dataset_hash   VARCHAR,   -- sha256 over the dataset's files
  school_year    VARCHAR,   -- the dataset's school year, when it states one
  label          VARCHAR,   -- how compare names the run (--run-label); NULL: by its rule set id, or by its dataset id when the datasets differ
  engine_version VARCHAR,   -- the junheng version that evaluated
  evaluator      VARCHAR,   -- the threshold evaluator (json-rules-engine or compiled)
  evaluated_at   TIMESTAMP, -- when the run was written (UTC)
  shard          VARCHAR,   -- i/n when only a share of the counties was evaluated (--shard), else NULL
  counties       INTEGER,   -- how many counties this row wrote
  header         VARCHAR,   -- the evaluation without its counties, as JSON (format version 2): what explain and compare read back
  ruleset        VARCHAR    -- the resolved rule set as JSON: the rule diff of compare is made from it
);

-- every county, school, unit and class the results name
CREATE TABLE IF NOT EXISTS coded_subjects (
  run_id      VARCHAR,
  province    VARCHAR,
  county      VARCHAR,
  subject     VARCHAR,
  level       INTEGER, -- coded_texts.code
  name        VARCHAR,
  parent      VARCHAR,
  county_name INTEGER, -- coded_texts.code
  group_key   INTEGER  -- coded_texts.code
);
CREATE OR REPLACE VIEW subjects AS SELECT
  c."run_id",                                -- the run (runs.run_id)
  c."province",                              -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  c."county",                                -- the county key
  c."subject",                               -- the subject key (for the county itself, the county key)
  t.texts[c."level"] AS "level",             -- county, school, unit or class
  c."name",                                  -- its name
  c."parent",                                -- the key of its school for a unit or class, else of its county (NULL for the county)
  t.texts[c."county_name"] AS "county_name", -- the name of its county
  t.texts[c."group_key"] AS "group_key"      -- its group (e.g. stage), when its level has one
FROM coded_subjects AS c, (SELECT list(text ORDER BY code) AS texts FROM coded_texts) AS t;

-- one verdict per subject and indicator, area or county
CREATE TABLE IF NOT EXISTS coded_verdicts (
  run_id    VARCHAR,
  province  VARCHAR,
  county    VARCHAR,
  subject   VARCHAR,
  kind      INTEGER, -- coded_texts.code
  area      INTEGER, -- coded_texts.code
  indicator INTEGER, -- coded_texts.code
  verdict   INTEGER  -- coded_texts.code
);
CREATE OR REPLACE VIEW verdicts AS SELECT
  c."run_id",                            -- the run (runs.run_id)
  c."province",                          -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  c."county",                            -- the county key
  c."subject",                           -- the subject judged
  t.texts[c."kind"] AS "kind",           -- county (the overall verdict), area, indicator (the county verdict of an indicator), member (an indicator on a school, unit or class), per_unit (an area rule on a unit)
  t.texts[c."area"] AS "area",           -- the area, for area, indicator, member and per_unit verdicts
  t.texts[c."indicator"] AS "indicator", -- the indicator, for indicator and member verdicts
  t.texts[c."verdict"] AS "verdict"      -- met, within_tolerance, not_met, pending, insufficient_data; for the county: recognised, not_recognised, undetermined
FROM coded_verdicts AS c, (SELECT list(text ORDER BY code) AS texts FROM coded_texts) AS t;

-- every check of every indicator on every subject, with its value, bound, margin and reason
CREATE TABLE IF NOT EXISTS coded_checks (
  run_id            VARCHAR,
  province          VARCHAR,
  county            VARCHAR,
  subject           VARCHAR,
  level             INTEGER, -- coded_texts.code
  group_key         INTEGER, -- coded_texts.code
  area              INTEGER, -- coded_texts.code
  indicator         INTEGER, -- coded_texts.code
  check_id          INTEGER, -- coded_texts.code
  verdict           INTEGER, -- coded_texts.code
  value             DOUBLE,
  value_text        VARCHAR,
  operator          INTEGER, -- coded_texts.code
  bound             DOUBLE,
  threshold         INTEGER, -- coded_texts.code
  tolerance_bound   DOUBLE,
  tolerance_share   DOUBLE,
  margin            DOUBLE,
  share_of_standard DOUBLE,
  reason_code       INTEGER, -- coded_texts.code
  as_reported       BOOLEAN
);
CREATE OR REPLACE VIEW checks AS SELECT
  c."run_id",                                -- the run (runs.run_id)
  c."province",                              -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  c."county",                                -- the county key
  c."subject",                               -- the subject checked
  t.texts[c."level"] AS "level",             -- its level
  t.texts[c."group_key"] AS "group_key",     -- its group, when its level has one
  t.texts[c."area"] AS "area",               -- the indicator's area
  t.texts[c."indicator"] AS "indicator",     -- the indicator
  t.texts[c."check_id"] AS "check_id",       -- the check of the indicator
  t.texts[c."verdict"] AS "verdict",         -- the verdict of the check
  c."value",                                 -- the value, when it is a number
  c."value_text",                            -- the value when it is not a number (true, false, a text)
  t.texts[c."operator"] AS "operator",       -- the comparison of the threshold that applied (>=, <=, …)
  c."bound",                                 -- the bound, when it is a number
  t.texts[c."threshold"] AS "threshold",     -- the threshold as written
  c."tolerance_bound",                       -- the tolerance bound (not below this share of the standard), when there is one
  c."tolerance_share",                       -- the share of the standard of the tolerance
  c."margin",                                -- value − bound
  c."share_of_standard",                     -- value / bound, for >= thresholds
  t.texts[c."reason_code"] AS "reason_code", -- why the check could not be judged (e.g. an input missing), when it could not
  c."as_reported"                            -- true when the value is a published figure that could not be recomputed
FROM coded_checks AS c, (SELECT list(text ORDER BY code) AS texts FROM coded_texts) AS t;

-- every coefficient of variation of an area, per group, with its threshold and verdict
CREATE TABLE IF NOT EXISTS coded_dispersion (
  run_id       VARCHAR,
  province     VARCHAR,
  county       VARCHAR,
  area         INTEGER, -- coded_texts.code
  indicator    INTEGER, -- coded_texts.code
  check_id     INTEGER, -- coded_texts.code
  group_key    INTEGER, -- coded_texts.code
  statistic    INTEGER, -- coded_texts.code
  verdict      INTEGER, -- coded_texts.code
  value        DOUBLE,
  mean         DOUBLE,
  sd           DOUBLE,
  members      INTEGER,
  weight_total DOUBLE,
  operator     INTEGER, -- coded_texts.code
  bound        DOUBLE,
  margin       DOUBLE,
  in_composite BOOLEAN,
  as_reported  BOOLEAN
);
CREATE OR REPLACE VIEW dispersion AS SELECT
  c."run_id",                            -- the run (runs.run_id)
  c."province",                          -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  c."county",                            -- the county key
  t.texts[c."area"] AS "area",           -- the area
  t.texts[c."indicator"] AS "indicator", -- the indicator (composite for the mean of the single CVs)
  t.texts[c."check_id"] AS "check_id",   -- the check of the indicator
  t.texts[c."group_key"] AS "group_key", -- the group (e.g. stage)
  t.texts[c."statistic"] AS "statistic", -- weighted_cv or composite_weighted_cv
  t.texts[c."verdict"] AS "verdict",     -- the verdict
  c."value",                             -- the coefficient of variation
  c."mean",                              -- the weighted mean
  c."sd",                                -- the weighted standard deviation
  c."members",                           -- how many members it is computed over
  c."weight_total",                      -- the sum of the weights
  t.texts[c."operator"] AS "operator",   -- the comparison of the threshold
  c."bound",                             -- the bound
  c."margin",                            -- value − bound
  c."in_composite",                      -- true for a single CV judged only through its area composite
  c."as_reported"                        -- true when the value is a published figure
FROM coded_dispersion AS c, (SELECT list(text ORDER BY code) AS texts FROM coded_texts) AS t;

-- every input cell a check read, once per subject, input and cell
CREATE TABLE IF NOT EXISTS coded_input_cells (
  run_id      VARCHAR,
  province    VARCHAR,
  county      VARCHAR,
  subject     VARCHAR,
  input       INTEGER, -- coded_texts.code
  value       DOUBLE,
  value_text  VARCHAR,
  file        INTEGER, -- coded_texts.code
  sheet       INTEGER, -- coded_texts.code
  row         INTEGER,
  column_name INTEGER, -- coded_texts.code
  cell        VARCHAR,
  path        VARCHAR
);
CREATE OR REPLACE VIEW input_cells AS SELECT
  c."run_id",                                -- the run (runs.run_id)
  c."province",                              -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  c."county",                                -- the county key
  c."subject",                               -- the subject whose check read the cell
  t.texts[c."input"] AS "input",             -- the input name (the data dictionary key)
  c."value",                                 -- the value, when it is a number
  c."value_text",                            -- the value when it is not a number
  t.texts[c."file"] AS "file",               -- the file the value was read from
  t.texts[c."sheet"] AS "sheet",             -- its sheet, for a workbook
  c."row",                                   -- the 1-based row as a spreadsheet shows it (the header is row 1)
  t.texts[c."column_name"] AS "column_name", -- the column as its header reads
  c."cell",                                  -- A1-style reference, e.g. D17
  c."path"                                   -- for dataset.yaml: the key path
FROM coded_input_cells AS c, (SELECT list(text ORDER BY code) AS texts FROM coded_texts) AS t;

-- every published figure the engine checked, with the recomputed value
CREATE TABLE IF NOT EXISTS coded_findings (
  run_id         VARCHAR,
  province       VARCHAR,
  county         VARCHAR,
  kind           INTEGER, -- coded_texts.code
  indicator      INTEGER, -- coded_texts.code
  check_id       INTEGER, -- coded_texts.code
  group_key      INTEGER, -- coded_texts.code
  figure         INTEGER, -- coded_texts.code
  reported       VARCHAR,
  reported_value DOUBLE,
  recomputed     DOUBLE,
  difference     DOUBLE,
  allowed        DOUBLE,
  file           INTEGER, -- coded_texts.code
  sheet          INTEGER, -- coded_texts.code
  row            INTEGER,
  column_name    INTEGER, -- coded_texts.code
  cell           VARCHAR,
  path           VARCHAR
);
CREATE OR REPLACE VIEW findings AS SELECT
  c."run_id",                                -- the run (runs.run_id)
  c."province",                              -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  c."county",                                -- the county key
  t.texts[c."kind"] AS "kind",               -- mismatch, confirmed, as_reported, …
  t.texts[c."indicator"] AS "indicator",     -- the indicator
  t.texts[c."check_id"] AS "check_id",       -- the check, when the figure is of one check
  t.texts[c."group_key"] AS "group_key",     -- the group, when the figure is of one group
  t.texts[c."figure"] AS "figure",           -- which figure
  c."reported",                              -- the published figure as text
  c."reported_value",                        -- the published figure, when it is a number
  c."recomputed",                            -- the recomputed figure, when it is a number
  c."difference",                            -- recomputed − reported
  c."allowed",                               -- the largest difference the published rounding explains
  t.texts[c."file"] AS "file",               -- the file the value was read from
  t.texts[c."sheet"] AS "sheet",             -- its sheet, for a workbook
  c."row",                                   -- the 1-based row as a spreadsheet shows it (the header is row 1)
  t.texts[c."column_name"] AS "column_name", -- the column as its header reads
  c."cell",                                  -- A1-style reference, e.g. D17
  c."path"                                   -- for dataset.yaml: the key path
FROM coded_findings AS c, (SELECT list(text ORDER BY code) AS texts FROM coded_texts) AS t;

-- every declared definition choice a check applied, and what the other options would give
CREATE TABLE IF NOT EXISTS coded_choices (
  run_id       VARCHAR,
  province     VARCHAR,
  county       VARCHAR,
  subject      VARCHAR,
  indicator    INTEGER, -- coded_texts.code
  check_id     INTEGER, -- coded_texts.code
  choice       INTEGER, -- coded_texts.code
  option       INTEGER, -- coded_texts.code
  chosen_by    INTEGER, -- coded_texts.code
  alternatives VARCHAR,
  file         INTEGER, -- coded_texts.code
  sheet        INTEGER, -- coded_texts.code
  row          INTEGER,
  column_name  INTEGER, -- coded_texts.code
  cell         VARCHAR,
  path         VARCHAR
);
CREATE OR REPLACE VIEW choices AS SELECT
  c."run_id",                                -- the run (runs.run_id)
  c."province",                              -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  c."county",                                -- the county key
  c."subject",                               -- the subject checked
  t.texts[c."indicator"] AS "indicator",     -- the indicator
  t.texts[c."check_id"] AS "check_id",       -- the check
  t.texts[c."choice"] AS "choice",           -- the definition choice
  t.texts[c."option"] AS "option",           -- the option applied
  t.texts[c."chosen_by"] AS "chosen_by",     -- dataset or default
  c."alternatives",                          -- the other options as JSON: [{option, value, verdict}]
  t.texts[c."file"] AS "file",               -- the file the value was read from
  t.texts[c."sheet"] AS "sheet",             -- its sheet, for a workbook
  c."row",                                   -- the 1-based row as a spreadsheet shows it (the header is row 1)
  t.texts[c."column_name"] AS "column_name", -- the column as its header reads
  c."cell",                                  -- A1-style reference, e.g. D17
  c."path"                                   -- for dataset.yaml: the key path
FROM coded_choices AS c, (SELECT list(text ORDER BY code) AS texts FROM coded_texts) AS t;

-- each county's data as the engine read it (every record, cell and where it was read), from which explain and compare judge the county again under the run's rule set: the same trail as the run's
CREATE TABLE IF NOT EXISTS county_data (
  run_id   VARCHAR, -- the run (runs.run_id)
  province VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county   VARCHAR, -- the county key
  position INTEGER, -- the county's place in the dataset
  data     BLOB     -- the county's records in the v8 serialization of Node.js, compressed with gzip; read by junheng of the run's engine_version
);
