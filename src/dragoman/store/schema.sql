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

-- Stores made before the default-output filter gain the flag (NULL: in the default output;
-- else why not: "no-coded-source", "low-confidence", "story:sports" ...).
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

INSERT OR IGNORE INTO schema_info VALUES ('schema_version', '1');
