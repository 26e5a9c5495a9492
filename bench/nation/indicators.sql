-- The indicators of bench/nation/model computed by hand-written SQL over mera's own database,
-- for every unit (organization, region, country) and every year 2019..2023: the yardstick of
-- the evaluation benchmark (bench/nation/run.sh).   sqlite3 DB < bench/nation/indicators.sql
-- Output: CSV `unit,period,indicator,value`; an empty value is "no value" (0/0, no data).
--
-- What it assumes, so that it answers the same question as `mera eval`:
-- * The current version of a report is the one no later version supersedes (version n + 1 of
--   the same form, unit, period and record key; storage's trigger keeps that chain exact). Every
--   current version counts, whatever its status.
-- * `+s.form = ...` makes SQLite scan the table in storage order: by the UNIQUE index on (form,
--   ...), which it picks otherwise, every one of 5,000,000 rows is a random lookup into the table
--   (about 45 s against 3 s for the scan, measured on this data).
-- * Units roll up by the `memberships` table without looking at its dates: in the generated
--   data nobody moves (every membership runs from 2018-01-01, open-ended), so a plain join is
--   the same as a dated one. A tree that changes over time would need the date filter.
-- * Quarterly flows add up over the quarters of the year; a `rollup last` stock (on_support) is
--   each organization's value of its last reported quarter of the year, added over organizations.
-- * Ratios are ratios of sums at every level; x/0 is NULL in SQLite, i.e. no value.
-- * Record-form aggregates: `d in period` is the year of the ISO date; a unit with no case record
--   below it has no value; one with records but none matching counts 0.
PRAGMA cache_size = -65536;  -- 64 MiB, as mera's own connections
.headers on
.mode csv
WITH RECURSIVE
-- Every unit with each organization below it (an organization is below itself).
below(unit, org) AS (
  SELECT id, id FROM units WHERE level = 'organization'
  UNION ALL
  SELECT m.parent, b.org FROM below b JOIN memberships m ON m.unit = b.unit WHERE m.parent IS NOT NULL
),
years(y) AS (VALUES ('2019'), ('2020'), ('2021'), ('2022'), ('2023')),
-- Versions that a later version of the same report replaced (a correction is version n + 1 with
-- `supersedes` = the id of version n): every other row is the current version of its report.
superseded AS (SELECT supersedes FROM submissions WHERE supersedes IS NOT NULL),
-- The quarterly form, current versions only.
families AS (
  SELECT s.unit AS org, substr(s.period, 1, 4) AS y, substr(s.period, 6, 1) AS q,
         json_extract(s.values_json, '$.families') AS families,
         json_extract(s.values_json, '$.children') AS children,
         json_extract(s.values_json, '$.by_risk.high') AS high,
         json_extract(s.values_json, '$.new_families') AS new_families,
         json_extract(s.values_json, '$.on_support') AS on_support,
         json_extract(s.values_json, '$.positive') AS positive,
         json_extract(s.values_json, '$.reopened') AS reopened
    FROM submissions s
   WHERE +s.form = 'families' AND s.id NOT IN superseded
),
families_year AS (
  SELECT org, y, sum(families) AS families, sum(children) AS children, sum(high) AS high,
         sum(new_families) AS new_families, sum(positive) AS positive, sum(reopened) AS reopened
    FROM families GROUP BY org, y
),
stock_year AS (  -- the last reported quarter of each organization and year
  SELECT org, y, on_support FROM (
    SELECT org, y, on_support, row_number() OVER (PARTITION BY org, y ORDER BY q DESC) AS nth FROM families)
   WHERE nth = 1
),
-- The case records, current versions only, in one pass: counted by organization, year opened
-- and year closed (NULL: still open).
case_groups AS (
  SELECT org, substr(opened, 1, 4) AS opened_y, substr(closed, 1, 4) AS closed_y, count(*) AS n,
         sum(safe) AS safe, sum(CASE WHEN safe THEN children ELSE 0 END) AS safe_children,
         sum(improved) AS improved
    FROM (SELECT s.unit AS org,
                 json_extract(s.values_json, '$.opened') AS opened,
                 json_extract(s.values_json, '$.closed') AS closed,
                 json_extract(s.values_json, '$.children') AS children,
                 json_extract(s.values_json, '$.safe') AS safe,
                 json_extract(s.values_json, '$.improved') AS improved
            FROM submissions s
           WHERE +s.form = 'case' AND s.id NOT IN superseded)
   GROUP BY 1, 2, 3
),
case_orgs AS (SELECT DISTINCT org FROM case_groups),
opened_year AS (SELECT org, opened_y AS y, sum(n) AS opened FROM case_groups GROUP BY 1, 2),
closed_year AS (
  SELECT org, closed_y AS y, sum(n) AS closed, sum(safe) AS safe, sum(safe_children) AS safe_children,
         sum(improved) AS improved
    FROM case_groups WHERE closed_y IS NOT NULL GROUP BY 1, 2
),
-- Everything added up the tree: one row per unit and year.
totals AS (
  SELECT b.unit, years.y,
         sum(f.families) AS families, sum(f.children) AS children, sum(f.high) AS high,
         sum(f.new_families) AS new_families, sum(f.positive) AS positive, sum(f.reopened) AS reopened,
         sum(st.on_support) AS on_support,
         sum(b.org IN case_orgs) AS case_orgs, sum(o.opened) AS opened, sum(c.closed) AS closed, sum(c.safe) AS safe,
         sum(c.safe_children) AS safe_children, sum(c.improved) AS improved
    FROM below b CROSS JOIN years
    LEFT JOIN families_year f ON f.org = b.org AND f.y = years.y
    LEFT JOIN stock_year st ON st.org = b.org AND st.y = years.y
    LEFT JOIN opened_year o ON o.org = b.org AND o.y = years.y
    LEFT JOIN closed_year c ON c.org = b.org AND c.y = years.y
   GROUP BY b.unit, years.y
),
-- Record-form figures: no value without any record below the unit, 0 when none matches.
cases AS (
  SELECT unit, y,
         CASE WHEN case_orgs > 0 THEN coalesce(opened, 0) END AS opened,
         CASE WHEN case_orgs > 0 THEN coalesce(closed, 0) END AS closed,
         CASE WHEN case_orgs > 0 THEN coalesce(safe, 0) END AS safe,
         CASE WHEN case_orgs > 0 THEN coalesce(safe_children, 0) END AS safe_children,
         CASE WHEN case_orgs > 0 THEN coalesce(improved, 0) END AS improved
    FROM totals
)
SELECT unit, y AS period, 'families_served' AS indicator, families AS value FROM totals
UNION ALL SELECT unit, y, 'children_per_family', CAST(children AS REAL) / families FROM totals
UNION ALL SELECT unit, y, 'on_support', on_support FROM totals
UNION ALL SELECT unit, y, 'high_risk_share', CAST(high AS REAL) / families FROM totals
UNION ALL SELECT unit, y, 'positive_share', CAST(positive AS REAL) / families FROM totals
UNION ALL SELECT unit, y, 'cases_opened', opened FROM cases
UNION ALL SELECT unit, y, 'safe_share', CAST(safe AS REAL) / closed FROM cases
UNION ALL SELECT unit, y, 'safe_children', safe_children FROM cases
UNION ALL SELECT unit, y, 'improved_share', CAST(improved AS REAL) / closed FROM cases
UNION ALL SELECT unit, y, 'reopened_per_hundred_lua', reopened * 100.0 / new_families FROM totals
UNION ALL SELECT unit, y, 'reopened_per_hundred', reopened * 100.0 / new_families FROM totals;
