-- The junheng results store (DuckDB): `junheng evaluate <dataset> --store results.duckdb`.
-- The same tables, partitioned by province, are the Parquet data set of `--format parquet`.
-- Generated from src/store/store-tables.ts; a test holds this file to it.

-- one row per evaluation written to the store (one dataset under one rule set); a shard of a Parquet data set writes its own row
CREATE TABLE IF NOT EXISTS runs (
  run_id         VARCHAR, -- the run, unique in a store (--run-id, else <dataset id>~<rule set id>, with ~2, ~3 … when taken)
  ruleset_id     VARCHAR, -- the rule set id
  ruleset_hash   VARCHAR, -- sha256 of the resolved rule set's content
  dataset_id     VARCHAR, -- the dataset id
  dataset_hash   VARCHAR, -- sha256 over the dataset's files
  school_year    VARCHAR, -- the dataset's school year, when it states one
  label          VARCHAR, -- how compare names the run (--run-label); NULL: by its rule set id, or by its dataset id when the datasets differ
  engine_version VARCHAR, -- the junheng version that evaluated
  evaluator      VARCHAR, -- the threshold evaluator (json-rules-engine or compiled)
  evaluated_at   TIMESTAMP, -- when the run was written (UTC)
  shard          VARCHAR, -- i/n when only a share of the counties was evaluated (--shard), else NULL
  counties       INTEGER, -- how many counties this row wrote
  header         VARCHAR, -- the evaluation without its counties, as JSON (format version 2): what explain and compare read back
  ruleset        VARCHAR  -- the resolved rule set as JSON: the rule diff of compare is made from it
);

-- every county, school, unit and class the results name
CREATE TABLE IF NOT EXISTS subjects (
  run_id      VARCHAR, -- the run (runs.run_id)
  province    VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county      VARCHAR, -- the county key
  subject     VARCHAR, -- the subject key (for the county itself, the county key)
  level       VARCHAR, -- county, school, unit or class
  name        VARCHAR, -- its name
  parent      VARCHAR, -- the key of its school for a unit or class, else of its county (NULL for the county)
  county_name VARCHAR, -- the name of its county
  group_key   VARCHAR  -- its group (e.g. stage), when its level has one
);

-- one verdict per subject and indicator, area or county
CREATE TABLE IF NOT EXISTS verdicts (
  run_id    VARCHAR, -- the run (runs.run_id)
  province  VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county    VARCHAR, -- the county key
  subject   VARCHAR, -- the subject judged
  kind      VARCHAR, -- county (the overall verdict), area, indicator (the county verdict of an indicator), member (an indicator on a school, unit or class), per_unit (an area rule on a unit)
  area      VARCHAR, -- the area, for area, indicator, member and per_unit verdicts
  indicator VARCHAR, -- the indicator, for indicator and member verdicts
  verdict   VARCHAR  -- met, within_tolerance, not_met, pending, insufficient_data; for the county: recognised, not_recognised, undetermined
);

-- every check of every indicator on every subject, with its value, bound, margin and reason
CREATE TABLE IF NOT EXISTS checks (
  run_id            VARCHAR, -- the run (runs.run_id)
  province          VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county            VARCHAR, -- the county key
  subject           VARCHAR, -- the subject checked
  level             VARCHAR, -- its level
  group_key         VARCHAR, -- its group, when its level has one
  area              VARCHAR, -- the indicator's area
  indicator         VARCHAR, -- the indicator
  check_id          VARCHAR, -- the check of the indicator
  verdict           VARCHAR, -- the verdict of the check
  value             DOUBLE, -- the value, when it is a number
  value_text        VARCHAR, -- the value when it is not a number (true, false, a text)
  operator          VARCHAR, -- the comparison of the threshold that applied (>=, <=, …)
  bound             DOUBLE, -- the bound, when it is a number
  threshold         VARCHAR, -- the threshold as written
  tolerance_bound   DOUBLE, -- the tolerance bound (not below this share of the standard), when there is one
  tolerance_share   DOUBLE, -- the share of the standard of the tolerance
  margin            DOUBLE, -- value − bound
  share_of_standard DOUBLE, -- value / bound, for >= thresholds
  reason_code       VARCHAR, -- why the check could not be judged (e.g. an input missing), when it could not
  as_reported       BOOLEAN  -- true when the value is a published figure that could not be recomputed
);

-- every coefficient of variation of an area, per group, with its threshold and verdict
CREATE TABLE IF NOT EXISTS dispersion (
  run_id       VARCHAR, -- the run (runs.run_id)
  province     VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county       VARCHAR, -- the county key
  area         VARCHAR, -- the area
  indicator    VARCHAR, -- the indicator (composite for the mean of the single CVs)
  check_id     VARCHAR, -- the check of the indicator
  group_key    VARCHAR, -- the group (e.g. stage)
  statistic    VARCHAR, -- weighted_cv or composite_weighted_cv
  verdict      VARCHAR, -- the verdict
  value        DOUBLE, -- the coefficient of variation
  mean         DOUBLE, -- the weighted mean
  sd           DOUBLE, -- the weighted standard deviation
  members      INTEGER, -- how many members it is computed over
  weight_total DOUBLE, -- the sum of the weights
  operator     VARCHAR, -- the comparison of the threshold
  bound        DOUBLE, -- the bound
  margin       DOUBLE, -- value − bound
  in_composite BOOLEAN, -- true for a single CV judged only through its area composite
  as_reported  BOOLEAN  -- true when the value is a published figure
);

-- every input cell a check read, once per subject, input and cell
CREATE TABLE IF NOT EXISTS input_cells (
  run_id      VARCHAR, -- the run (runs.run_id)
  province    VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county      VARCHAR, -- the county key
  subject     VARCHAR, -- the subject whose check read the cell
  input       VARCHAR, -- the input name (the data dictionary key)
  value       DOUBLE, -- the value, when it is a number
  value_text  VARCHAR, -- the value when it is not a number
  file        VARCHAR, -- the file the value was read from
  sheet       VARCHAR, -- its sheet, for a workbook
  row         INTEGER, -- the 1-based row as a spreadsheet shows it (the header is row 1)
  column_name VARCHAR, -- the column as its header reads
  cell        VARCHAR, -- A1-style reference, e.g. D17
  path        VARCHAR  -- for dataset.yaml: the key path
);

-- every published figure the engine checked, with the recomputed value
CREATE TABLE IF NOT EXISTS findings (
  run_id         VARCHAR, -- the run (runs.run_id)
  province       VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county         VARCHAR, -- the county key
  kind           VARCHAR, -- mismatch, confirmed, as_reported, …
  indicator      VARCHAR, -- the indicator
  check_id       VARCHAR, -- the check, when the figure is of one check
  group_key      VARCHAR, -- the group, when the figure is of one group
  figure         VARCHAR, -- which figure
  reported       VARCHAR, -- the published figure as text
  reported_value DOUBLE, -- the published figure, when it is a number
  recomputed     DOUBLE, -- the recomputed figure, when it is a number
  difference     DOUBLE, -- recomputed − reported
  allowed        DOUBLE, -- the largest difference the published rounding explains
  file           VARCHAR, -- the file the value was read from
  sheet          VARCHAR, -- its sheet, for a workbook
  row            INTEGER, -- the 1-based row as a spreadsheet shows it (the header is row 1)
  column_name    VARCHAR, -- the column as its header reads
  cell           VARCHAR, -- A1-style reference, e.g. D17
  path           VARCHAR  -- for dataset.yaml: the key path
);

-- every declared definition choice a check applied, and what the other options would give
CREATE TABLE IF NOT EXISTS choices (
  run_id       VARCHAR, -- the run (runs.run_id)
  province     VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county       VARCHAR, -- the county key
  subject      VARCHAR, -- the subject checked
  indicator    VARCHAR, -- the indicator
  check_id     VARCHAR, -- the check
  choice       VARCHAR, -- the definition choice
  option       VARCHAR, -- the option applied
  chosen_by    VARCHAR, -- dataset or default
  alternatives VARCHAR, -- the other options as JSON: [{option, value, verdict}]
  file         VARCHAR, -- the file the value was read from
  sheet        VARCHAR, -- its sheet, for a workbook
  row          INTEGER, -- the 1-based row as a spreadsheet shows it (the header is row 1)
  column_name  VARCHAR, -- the column as its header reads
  cell         VARCHAR, -- A1-style reference, e.g. D17
  path         VARCHAR  -- for dataset.yaml: the key path
);

-- each county's data as the engine read it (every record, cell and where it was read), from which explain and compare judge the county again under the run's rule set: the same trail as the run's
CREATE TABLE IF NOT EXISTS county_data (
  run_id   VARCHAR, -- the run (runs.run_id)
  province VARCHAR, -- the province: the first two digits of a six-digit county code and 0000, else "unknown"
  county   VARCHAR, -- the county key
  position INTEGER, -- the county's place in the dataset
  data     BLOB  -- the county's records in the v8 serialization of Node.js, compressed with gzip; read by junheng of the run's engine_version
);
