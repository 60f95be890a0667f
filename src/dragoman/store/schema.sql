-- dragoman store schema (DuckDB). Column names of `events` are the event contract of
-- DESIGN.md section 3, plus flattened convenience columns for pleasant SQL.
-- Every statement is idempotent: the store runs this file each time it opens a database.
-- Timestamps are UTC (naive TIMESTAMP).

CREATE TABLE IF NOT EXISTS schema_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id      VARCHAR PRIMARY KEY,
    source      VARCHAR,              -- path or URL the document was read from
    url         VARCHAR,
    title       VARCHAR,
    date        DATE,                 -- publication date
    author      VARCHAR,
    publisher   VARCHAR,
    language    VARCHAR,
    text        VARCHAR,              -- clean main text; evidence offsets point into it
    text_sha256 VARCHAR,
    coded_at    TIMESTAMP             -- last time this document was coded (UTC)
);

CREATE TABLE IF NOT EXISTS events (
    event_id       VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    sentence_index INTEGER,
    sentence       VARCHAR,
    date           DATE,
    date_precision VARCHAR,
    cameo          VARCHAR,
    cameo_root     VARCHAR,
    quad_class     INTEGER,
    goldstein      DOUBLE,
    plover         VARCHAR,
    plover_mode    VARCHAR,
    plover_context VARCHAR[],
    source         STRUCT(text VARCHAR, code VARCHAR, sector VARCHAR, name VARCHAR, kind VARCHAR)[],
    target         STRUCT(text VARCHAR, code VARCHAR, sector VARCHAR, name VARCHAR, kind VARCHAR)[],
    location       STRUCT(name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE),
    quantities     STRUCT(kind VARCHAR, value DOUBLE, unit VARCHAR, text VARCHAR)[],
    negated        BOOLEAN,
    modality       VARCHAR,
    historical     BOOLEAN,
    confidence     DOUBLE,
    evidence       STRUCT(start INTEGER, "end" INTEGER, text VARCHAR),
    doc            STRUCT(url VARCHAR, title VARCHAR, publisher VARCHAR, published VARCHAR),
    coder_version  VARCHAR,
    flag           VARCHAR,               -- NULL: in the default output; else why not
    -- not in the contract: why the coder produced the event (pattern id and trigger)
    rule           VARCHAR,
    -- flattened convenience columns (primary actor = first actor with a code, else the first)
    source_code    VARCHAR,
    target_code    VARCHAR,
    source_sector  VARCHAR,
    target_sector  VARCHAR,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    evidence_text  VARCHAR
);

CREATE TABLE IF NOT EXISTS failures (
    doc_id     VARCHAR NOT NULL,
    source     VARCHAR,
    stage      VARCHAR NOT NULL,
    reason     VARCHAR,
    detail     VARCHAR,
    first_seen TIMESTAMP,
    last_seen  TIMESTAMP,
    attempts   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (doc_id, stage)
);

CREATE TABLE IF NOT EXISTS runs (
    run_id        VARCHAR PRIMARY KEY,
    started       TIMESTAMP,
    finished      TIMESTAMP,
    counts        STRUCT(documents BIGINT, events BIGINT, failures BIGINT),
    coder_version VARCHAR
);

-- Stores made before the historical flag existed gain the column.
ALTER TABLE events ADD COLUMN IF NOT EXISTS historical BOOLEAN;

-- The event location's admin area and feature type (country, admin1, city): the contract's
-- location object carries them; stores made before they existed gain the columns.
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_admin1 VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_feature VARCHAR;

-- Stores made before the default-output filter gain the flag (NULL: in the default output;
-- else why not: "no-coded-source", "hypothetical", "low-confidence", "story:sports" ...).
ALTER TABLE events ADD COLUMN IF NOT EXISTS flag VARCHAR;

-- A syndicated story is coded once; its other copies (same text at other URLs or publishers)
-- are remembered here, under the doc_id of the copy that was coded.
CREATE TABLE IF NOT EXISTS document_copies (
    story_doc_id VARCHAR NOT NULL,
    doc_id       VARCHAR NOT NULL,
    url          VARCHAR,
    publisher    VARCHAR,
    source       VARCHAR,
    seen_at      TIMESTAMP,
    PRIMARY KEY (story_doc_id, doc_id)
);

-- GDELT 2.0 events loaded with `dragoman import --format gdelt` (the 61 columns of GDELT's event
-- files, GDELT's names and types), to compare with dragoman's events for the same source URLs.
CREATE TABLE IF NOT EXISTS gdelt_events (
    GLOBALEVENTID          BIGINT,
    SQLDATE                INTEGER,
    MonthYear              INTEGER,
    Year                   INTEGER,
    FractionDate           DOUBLE,
    Actor1Code             VARCHAR,
    Actor1Name             VARCHAR,
    Actor1CountryCode      VARCHAR,
    Actor1KnownGroupCode   VARCHAR,
    Actor1EthnicCode       VARCHAR,
    Actor1Religion1Code    VARCHAR,
    Actor1Religion2Code    VARCHAR,
    Actor1Type1Code        VARCHAR,
    Actor1Type2Code        VARCHAR,
    Actor1Type3Code        VARCHAR,
    Actor2Code             VARCHAR,
    Actor2Name             VARCHAR,
    Actor2CountryCode      VARCHAR,
    Actor2KnownGroupCode   VARCHAR,
    Actor2EthnicCode       VARCHAR,
    Actor2Religion1Code    VARCHAR,
    Actor2Religion2Code    VARCHAR,
    Actor2Type1Code        VARCHAR,
    Actor2Type2Code        VARCHAR,
    Actor2Type3Code        VARCHAR,
    IsRootEvent            INTEGER,
    EventCode              VARCHAR,
    EventBaseCode          VARCHAR,
    EventRootCode          VARCHAR,
    QuadClass              INTEGER,
    GoldsteinScale         DOUBLE,
    NumMentions            INTEGER,
    NumSources             INTEGER,
    NumArticles            INTEGER,
    AvgTone                DOUBLE,
    Actor1Geo_Type         INTEGER,
    Actor1Geo_FullName     VARCHAR,
    Actor1Geo_CountryCode  VARCHAR,
    Actor1Geo_ADM1Code     VARCHAR,
    Actor1Geo_ADM2Code     VARCHAR,
    Actor1Geo_Lat          DOUBLE,
    Actor1Geo_Long         DOUBLE,
    Actor1Geo_FeatureID    VARCHAR,
    Actor2Geo_Type         INTEGER,
    Actor2Geo_FullName     VARCHAR,
    Actor2Geo_CountryCode  VARCHAR,
    Actor2Geo_ADM1Code     VARCHAR,
    Actor2Geo_ADM2Code     VARCHAR,
    Actor2Geo_Lat          DOUBLE,
    Actor2Geo_Long         DOUBLE,
    Actor2Geo_FeatureID    VARCHAR,
    ActionGeo_Type         INTEGER,
    ActionGeo_FullName     VARCHAR,
    ActionGeo_CountryCode  VARCHAR,
    ActionGeo_ADM1Code     VARCHAR,
    ActionGeo_ADM2Code     VARCHAR,
    ActionGeo_Lat          DOUBLE,
    ActionGeo_Long         DOUBLE,
    ActionGeo_FeatureID    VARCHAR,
    DATEADDED              BIGINT,
    SOURCEURL              VARCHAR,
    source_file            VARCHAR,
    imported_at            TIMESTAMP,
    PRIMARY KEY (GLOBALEVENTID)
);

INSERT OR IGNORE INTO schema_info VALUES ('schema_version', '1');

-- A run is 'running' while its writer lives; the next writer marks a run whose writer died
-- 'interrupted'. Finished runs are 'finished' (or 'stopped' when interrupted with Ctrl-C).
ALTER TABLE runs ADD COLUMN IF NOT EXISTS status VARCHAR;
