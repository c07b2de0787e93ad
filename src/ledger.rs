//! The ledger: a SQLite file that keeps every article read, every deal, each article's account of
//! each deal (a report), how deals moved on over time, and announced totals with their checks.
//!
//! - Articles are keyed by [`Document::key`] (their own id, URL or text hash, never the path), so
//!   re-ingesting an article changes nothing.
//! - A new article's deal is matched against the deals of the ledger by
//!   [`track::same_deal_over_time`]: a match adds a report and moves the deal on (status forward,
//!   a memorandum becoming a contract, a new amount or quantity from a later report), each change
//!   recorded in `changes` with the article that made it; otherwise it is a new deal, whose id is
//!   its first report's id.
//! - Money is stored as TEXT: the exact decimal ([`plain_decimal`]), never a float.
//! - WAL mode and one `BEGIN IMMEDIATE` transaction per batch of articles: concurrent runs queue
//!   (busy timeout), and a killed run leaves the ledger as it was after its last whole batch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rust_decimal::Decimal;

use crate::lang::Lang;
use crate::lexicons::Lexicons;
use crate::model::{
    ArticleMeta, Deal, DealStatus, DealType, Document, Qualifier, SourceRef, Total, stable_id,
    text_hash,
};
use crate::number::plain_decimal;
use crate::reconcile::{self, Tolerance};
use crate::track::{self, Identity};

/// The schema version written to `meta`.
pub const SCHEMA_VERSION: &str = "2";

/// Test hook: inside the transaction of this batch (counted from 1), after its articles are
/// written and before the commit, say `stalled` on stderr and wait a minute (to be killed).
pub const STALL_ENV: &str = "DEALTRACK_LEDGER_STALL";

/// Tables, keys and views. Amounts are TEXT decimals; dates are TEXT `YYYY-MM-DD`.
pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,            -- JSON Lines id, else URL, else hash of the text
  source TEXT NOT NULL,           -- the path (or path#id) it was first read from
  url TEXT,
  title TEXT,
  published TEXT,                 -- YYYY-MM-DD, when the article says
  language TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  ingested_at TEXT NOT NULL,      -- UTC timestamp of the run that added it
  seen TEXT NOT NULL              -- published, else the ingestion date: the article's date
);
CREATE TABLE IF NOT EXISTS deals (
  id TEXT PRIMARY KEY,            -- the id of its first report
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  sector TEXT NOT NULL,
  provider TEXT,
  recipient TEXT,
  parties TEXT NOT NULL,          -- '; ' between names
  item TEXT,
  quantity INTEGER,
  amount TEXT,                    -- exact decimal
  currency TEXT,
  qualifier TEXT,
  amount_max TEXT,
  currency_inferred INTEGER NOT NULL DEFAULT 0, -- 1: the currency was taken from the article
  language TEXT NOT NULL,
  evidence TEXT NOT NULL,         -- the first report's sentence
  first_article TEXT NOT NULL REFERENCES articles(id),
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  dated INTEGER NOT NULL          -- 1 once an article with a publication date reports it
);
CREATE INDEX IF NOT EXISTS deals_last_seen ON deals(last_seen);
CREATE TABLE IF NOT EXISTS deal_parties (
  deal_id TEXT NOT NULL REFERENCES deals(id),
  root TEXT NOT NULL,             -- the counterparty as deals are matched by
  PRIMARY KEY (deal_id, root)
);
CREATE INDEX IF NOT EXISTS deal_parties_root ON deal_parties(root);
CREATE TABLE IF NOT EXISTS reports (
  article_id TEXT NOT NULL REFERENCES articles(id),
  deal_id TEXT NOT NULL REFERENCES deals(id),
  report_id TEXT NOT NULL,        -- the deal's id as extracted from this article
  seq INTEGER NOT NULL,           -- order of ingestion
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  provider TEXT,
  recipient TEXT,
  parties TEXT NOT NULL,
  item TEXT,
  quantity INTEGER,
  amount TEXT,
  currency TEXT,
  qualifier TEXT,
  amount_max TEXT,
  currency_inferred INTEGER NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  PRIMARY KEY (article_id, report_id)
);
CREATE INDEX IF NOT EXISTS reports_deal ON reports(deal_id);
CREATE INDEX IF NOT EXISTS reports_seq ON reports(seq);
CREATE TABLE IF NOT EXISTS changes (
  deal_id TEXT NOT NULL REFERENCES deals(id),
  article_id TEXT NOT NULL REFERENCES articles(id),
  field TEXT NOT NULL,            -- type, status, amount, quantity
  old TEXT,
  new TEXT,
  PRIMARY KEY (deal_id, article_id, field)
);
CREATE TABLE IF NOT EXISTS totals (
  id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id),
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  qualifier TEXT NOT NULL,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS checks (
  total_id TEXT PRIMARY KEY REFERENCES totals(id),
  deals INTEGER NOT NULL,
  with_value INTEGER NOT NULL,
  items_sum TEXT,
  difference TEXT,
  verdict TEXT NOT NULL,
  explanation TEXT NOT NULL
);
CREATE VIEW IF NOT EXISTS deals_by_sector AS
  SELECT sector, COUNT(*) AS deals, COUNT(amount) AS with_value,
         SUM(status = 'signed') AS signed
  FROM deals GROUP BY sector ORDER BY deals DESC, sector;
CREATE VIEW IF NOT EXISTS deals_by_month AS
  SELECT substr(first_seen, 1, 7) AS month, COUNT(*) AS deals, COUNT(amount) AS with_value,
         SUM(status = 'signed') AS signed
  FROM deals GROUP BY month ORDER BY month;
CREATE VIEW IF NOT EXISTS open_totals AS
  SELECT t.id AS total_id, a.title, a.source, a.url, a.seen AS date, t.amount, t.currency,
         c.verdict, c.explanation, t.evidence
  FROM totals t JOIN articles a ON a.id = t.article_id JOIN checks c ON c.total_id = t.id
  WHERE c.verdict <> 'consistent' ORDER BY a.seen, t.id;
CREATE VIEW IF NOT EXISTS deal_reports AS
  SELECT r.deal_id, a.seen AS date, a.title, a.url, a.source, r.status, r.type, r.quantity,
         r.amount, r.currency, r.evidence
  FROM reports r JOIN articles a ON a.id = r.article_id ORDER BY r.deal_id, a.seen, r.seq;
"#;

/// An error naming the ledger file.
fn err(path: &Path, e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{}: {e}", path.display())
}

/// One article as the ledger takes it: what identifies it, and what was extracted from it.
#[derive(Debug, Clone)]
pub struct Article {
    pub key: String,
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub language: Lang,
    pub text_hash: String,
    pub deals: Vec<Deal>,
    pub totals: Vec<Total>,
}

impl Article {
    /// An article read from text, with its extracted (unmerged) deals and totals.
    pub fn of(doc: &Document, language: Lang, deals: Vec<Deal>, totals: Vec<Total>) -> Article {
        Article {
            key: doc.key(),
            source: doc.source.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            published: doc.published,
            language,
            text_hash: text_hash(&doc.text),
            deals,
            totals,
        }
    }

    /// Articles from already-extracted deals (e.g. a deals JSON Lines file written by another
    /// system): one article per `source`, keyed by the source since the text is not at hand.
    pub fn from_deals(deals: Vec<Deal>) -> Vec<Article> {
        let mut by_source: BTreeMap<String, Vec<Deal>> = BTreeMap::new();
        for d in deals {
            by_source.entry(d.source.clone()).or_default().push(d);
        }
        by_source
            .into_iter()
            .map(|(source, deals)| Article {
                key: format!("source:{source}"),
                url: None,
                title: None,
                published: deals[0].published,
                language: deals[0].language,
                text_hash: text_hash(&source),
                source,
                deals,
                totals: Vec::new(),
            })
            .collect()
    }
}

/// What a batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Ingested {
    pub articles: usize,
    /// Articles already in the ledger (nothing changed).
    pub known: usize,
    pub new_deals: usize,
    /// Reports added to deals already in the ledger.
    pub updated_deals: usize,
    pub totals: usize,
}

impl std::ops::AddAssign for Ingested {
    fn add_assign(&mut self, o: Ingested) {
        self.articles += o.articles;
        self.known += o.known;
        self.new_deals += o.new_deals;
        self.updated_deals += o.updated_deals;
        self.totals += o.totals;
    }
}

/// An open ledger file.
pub struct Ledger {
    conn: Connection,
    path: PathBuf,
    /// Articles published more than this many days after a deal was last reported do not report it.
    pub window_days: i64,
    batches: usize,
}

fn date_text(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn dec_text(d: Option<Decimal>) -> Option<String> {
    d.map(plain_decimal)
}

fn parse_dec(s: Option<String>) -> Option<Decimal> {
    s.and_then(|s| Decimal::from_str(&s).ok())
}

fn parse_date(s: Option<String>) -> Option<Date> {
    s.and_then(|s| s.parse().ok())
}

/// How long a run waits for another run that holds the ledger (a whole batch of theirs can be
/// in a transaction), before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(300);

/// Sets WAL mode, waiting while another run holds the ledger: SQLite answers a change of journal
/// mode that meets a lock with "database is locked" at once, without the busy handler, so two cron
/// runs opening a new ledger at the same moment failed one of them. Retried with a growing pause
/// (5 ms to 200 ms) for as long as [`BUSY_TIMEOUT`].
fn wal_mode(conn: &Connection) -> rusqlite::Result<String> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(5);
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(200));
            }
            answer => return answer,
        }
    }
}

impl Ledger {
    /// Opens (creating if needed) the ledger at `path`: WAL mode, foreign keys on, the schema.
    pub fn open(path: &Path) -> anyhow::Result<Ledger> {
        let conn = Connection::open(path).map_err(|e| err(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| err(path, e))?;
        let mode =
            wal_mode(&conn).map_err(|e| err(path, format!("not a dealtrack ledger: {e}")))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(err(path, format!("cannot use WAL mode (got {mode})")));
        }
        conn.execute_batch("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")
            .map_err(|e| err(path, e))?;
        // Immediate: two runs opening a new ledger at once both read `meta` and then write it; a
        // deferred transaction could not upgrade to a writer and would fail instead of waiting.
        let tx =
            rusqlite::Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| err(path, e))?;
        tx.execute_batch(SCHEMA)
            .map_err(|e| err(path, format!("not a dealtrack ledger: {e}")))?;
        let version: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| err(path, e))?;
        match version.as_deref() {
            None => {
                tx.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?1)",
                    [SCHEMA_VERSION],
                )
                .map_err(|e| err(path, e))?;
            }
            Some(SCHEMA_VERSION) => {}
            // Version 1 had no `currency_inferred`: added, every stored currency as written.
            Some("1") => {
                tx.execute_batch(
                    "ALTER TABLE deals ADD COLUMN currency_inferred INTEGER NOT NULL DEFAULT 0;
                     ALTER TABLE reports ADD COLUMN currency_inferred INTEGER NOT NULL DEFAULT 0;
                     UPDATE meta SET value = '2' WHERE key = 'schema';",
                )
                .map_err(|e| err(path, e))?;
            }
            Some(v) => {
                return Err(err(
                    path,
                    format!("ledger schema {v}, this dealtrack writes {SCHEMA_VERSION}"),
                ));
            }
        }
        tx.commit().map_err(|e| err(path, e))?;
        Ok(Ledger {
            conn,
            path: path.to_path_buf(),
            window_days: 30,
            batches: 0,
        })
    }

    /// Opens an existing ledger for reading; a missing file is an error, not a new ledger.
    pub fn open_existing(path: &Path) -> anyhow::Result<Ledger> {
        if !path.is_file() {
            return Err(err(path, "no such ledger file"));
        }
        Ledger::open(path)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Ingests already-extracted deals (one article per source): the entry point for deals that
    /// another system extracted, such as a deals JSON Lines file.
    pub fn ingest_deals(
        &mut self,
        deals: Vec<Deal>,
        now: &str,
        lex: &Lexicons,
    ) -> anyhow::Result<Ingested> {
        self.ingest(Article::from_deals(deals), now, lex)
    }

    /// Ingests a batch of articles in one transaction, in canonical order (dated first, oldest
    /// first, then by key) so the result does not depend on the order within the batch. `now` is
    /// the UTC timestamp recorded as `ingested_at`; `lex` tells which names are one party (a
    /// state's bodies are the state) and which items one thing.
    pub fn ingest(
        &mut self,
        mut batch: Vec<Article>,
        now: &str,
        lex: &Lexicons,
    ) -> anyhow::Result<Ingested> {
        batch.sort_by(|a, b| {
            (a.published.is_none(), a.published, &a.key).cmp(&(
                b.published.is_none(),
                b.published,
                &b.key,
            ))
        });
        self.batches += 1;
        let stall = std::env::var(STALL_ENV)
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            == Some(self.batches);
        let path = self.path.clone();
        let window = self.window_days;
        let tx =
            rusqlite::Transaction::new(&mut self.conn, rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| err(&path, e))?;
        let mut stats = Ingested::default();
        for a in &batch {
            ingest_article(&tx, a, now, window, &mut stats, lex)
                .map_err(|e| err(&path, format!("while adding {}: {e}", a.source)))?;
        }
        if stall {
            eprintln!("dealtrack: stalled");
            std::thread::sleep(Duration::from_secs(60));
        }
        tx.commit().map_err(|e| err(&path, e))?;
        Ok(stats)
    }
}

fn parties_text(d: &Deal) -> String {
    d.parties.join("; ")
}

/// A stored deal as a [`Deal`] for matching: `published` is the date it was last reported.
fn known_deal(tx: &Transaction, id: &str) -> rusqlite::Result<Deal> {
    tx.query_row(
        "SELECT d.type, d.status, d.sector, d.provider, d.recipient, d.parties, d.item, d.quantity,
                d.amount, d.currency, d.qualifier, d.amount_max, d.language, d.evidence,
                a.source, d.last_seen, d.dated, d.currency_inferred
         FROM deals d JOIN articles a ON a.id = d.first_article WHERE d.id = ?1",
        [id],
        |r| {
            let dated: i64 = r.get(16)?;
            Ok(Deal {
                id: id.to_string(),
                source: r.get(14)?,
                published: if dated > 0 {
                    parse_date(r.get(15)?)
                } else {
                    None
                },
                language: r.get::<_, String>(12)?.parse().unwrap_or(Lang::En),
                deal_type: DealType::parse(&r.get::<_, String>(0)?).unwrap_or(DealType::Other),
                status: DealStatus::parse(&r.get::<_, String>(1)?).unwrap_or(DealStatus::Announced),
                sector: r.get(2)?,
                provider: r.get(3)?,
                recipient: r.get(4)?,
                parties: split_parties(&r.get::<_, String>(5)?),
                item: r.get(6)?,
                quantity: r.get::<_, Option<i64>>(7)?.map(|q| q as u64),
                amount: parse_dec(r.get(8)?),
                currency: r.get(9)?,
                currency_inferred: r.get(17)?,
                qualifier: r
                    .get::<_, Option<String>>(10)?
                    .and_then(|q| parse_qualifier(&q)),
                amount_max: parse_dec(r.get(11)?),
                evidence: r.get(13)?,
                start: 0,
                end: 0,
                sources: vec![],
                reports: vec![],
                notes: vec![],
            })
        },
    )
}

fn split_parties(s: &str) -> Vec<String> {
    s.split("; ")
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_qualifier(s: &str) -> Option<Qualifier> {
    [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::AtLeast,
        Qualifier::AtMost,
        Qualifier::Range,
    ]
    .into_iter()
    .find(|q| q.as_str() == s)
}

fn ingest_article(
    tx: &Transaction,
    a: &Article,
    now: &str,
    window: i64,
    stats: &mut Ingested,
    lex: &Lexicons,
) -> rusqlite::Result<()> {
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
        [&a.key],
        |r| r.get(0),
    )?;
    if known {
        stats.known += 1;
        return Ok(());
    }
    stats.articles += 1;
    let seen = match a.published {
        Some(d) => d.to_string(),
        None => now.get(..10).unwrap_or(now).to_string(),
    };
    tx.execute(
        "INSERT INTO articles (id, source, url, title, published, language, text_hash, ingested_at, seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.key,
            a.source,
            a.url,
            a.title,
            date_text(a.published),
            a.language.code(),
            a.text_hash,
            now,
            seen
        ],
    )?;
    let mut seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM reports", [], |r| {
        r.get(0)
    })?;
    for d in &a.deals {
        seq += 1;
        let ident = Identity::of(d, lex);
        let target = find_match(tx, a, d, &ident, window, lex)?;
        let deal_id = match target {
            Some(known) => {
                move_on(tx, &known, a, d, &seen)?;
                stats.updated_deals += 1;
                known.id
            }
            None => {
                let id = fresh_id(tx, &d.id, &a.key)?;
                tx.execute(
                    "INSERT INTO deals (id, type, status, sector, provider, recipient, parties, item,
                       quantity, amount, currency, qualifier, amount_max, language, evidence,
                       first_article, first_seen, last_seen, dated, currency_inferred)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18, ?19)",
                    params![
                        id,
                        d.deal_type.as_str(),
                        d.status.as_str(),
                        d.sector,
                        d.provider,
                        d.recipient,
                        parties_text(d),
                        d.item,
                        d.quantity.map(|q| q as i64),
                        dec_text(d.amount),
                        d.currency,
                        d.qualifier.map(|q| q.as_str()),
                        dec_text(d.amount_max),
                        d.language.code(),
                        d.evidence,
                        a.key,
                        seen,
                        a.published.is_some(),
                        d.currency_inferred
                    ],
                )?;
                stats.new_deals += 1;
                id
            }
        };
        for root in ident.roots() {
            tx.execute(
                "INSERT OR IGNORE INTO deal_parties (deal_id, root) VALUES (?1, ?2)",
                params![deal_id, root],
            )?;
        }
        tx.execute(
            "INSERT OR IGNORE INTO reports (article_id, deal_id, report_id, seq, type, status, provider,
               recipient, parties, item, quantity, amount, currency, qualifier, amount_max, evidence,
               start, \"end\", currency_inferred)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            params![
                a.key,
                deal_id,
                d.id,
                seq,
                d.deal_type.as_str(),
                d.status.as_str(),
                d.provider,
                d.recipient,
                parties_text(d),
                d.item,
                d.quantity.map(|q| q as i64),
                dec_text(d.amount),
                d.currency,
                d.qualifier.map(|q| q.as_str()),
                dec_text(d.amount_max),
                d.evidence,
                d.start as i64,
                d.end as i64,
                d.currency_inferred
            ],
        )?;
    }
    // Announced totals, checked against this article's own account of its deals.
    let mine: Vec<Deal> = a
        .deals
        .iter()
        .map(|d| Deal {
            source: a.source.clone(),
            ..d.clone()
        })
        .collect();
    for t in &a.totals {
        let id = stable_id(&[
            &a.key,
            "total",
            &t.start.to_string(),
            &plain_decimal(t.amount),
        ]);
        let t = Total {
            id: id.clone(),
            source: a.source.clone(),
            ..t.clone()
        };
        tx.execute(
            "INSERT OR IGNORE INTO totals (id, article_id, amount, currency, qualifier, evidence, start, \"end\")
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                a.key,
                plain_decimal(t.amount),
                t.currency,
                t.qualifier.as_str(),
                t.evidence,
                t.start as i64,
                t.end as i64
            ],
        )?;
        let c = &reconcile::check(std::slice::from_ref(&t), &mine, Tolerance::default(), None)[0];
        tx.execute(
            "INSERT OR REPLACE INTO checks (total_id, deals, with_value, items_sum, difference, verdict, explanation)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                c.deals as i64,
                c.with_value as i64,
                dec_text(c.items_sum),
                dec_text(c.difference),
                c.verdict.as_str(),
                c.explanation
            ],
        )?;
        stats.totals += 1;
    }
    Ok(())
}

/// A new deal keeps its first report's id; should that id be taken (an identical report of another
/// article with the same key parts), one derived from it and the article.
fn fresh_id(tx: &Transaction, id: &str, article: &str) -> rusqlite::Result<String> {
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM deals WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    Ok(if taken {
        stable_id(&[id, article])
    } else {
        id.to_string()
    })
}

/// The known deal this report is about: among the deals sharing a counterparty and not already
/// reported by this article, the one last reported most recently (then the smallest id).
fn find_match(
    tx: &Transaction,
    a: &Article,
    d: &Deal,
    ident: &Identity,
    window: i64,
    lex: &Lexicons,
) -> rusqlite::Result<Option<Deal>> {
    if ident.roots().is_empty() {
        return Ok(None);
    }
    let mut ids: Vec<String> = Vec::new();
    {
        // Only deals last reported within the window of a dated report can be it (undated deals
        // and undated reports are compared whatever their dates, by the strict rule).
        let (from, to) = match d.published {
            Some(p) => {
                let w = jiff::Span::new().days(window.clamp(0, 3_000_000));
                (
                    p.checked_sub(w).ok().map(|x| x.to_string()),
                    p.checked_add(w).ok().map(|x| x.to_string()),
                )
            }
            None => (None, None),
        };
        let mut q = tx.prepare_cached(
            "SELECT p.deal_id FROM deal_parties p JOIN deals d ON d.id = p.deal_id
             WHERE p.root = ?1
               AND (d.dated = 0 OR ?3 IS NULL OR d.last_seen BETWEEN ?3 AND COALESCE(?4, '9999'))
               AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.deal_id = p.deal_id AND r.article_id = ?2)",
        )?;
        for root in ident.roots() {
            for id in q.query_map(params![root, a.key, from, to], |r| r.get::<_, String>(0))? {
                ids.push(id?);
            }
        }
    }
    ids.sort();
    ids.dedup();
    let mut best: Option<(Option<Date>, Deal)> = None;
    for id in ids {
        let known = known_deal(tx, &id)?;
        let k = Identity::of(&known, lex);
        if track::same_deal_over_time(&known, &k, d, ident, window) {
            let better = match &best {
                None => true,
                Some((seen, b)) => {
                    known.published > *seen || (known.published == *seen && known.id < b.id)
                }
            };
            if better {
                best = Some((known.published, known));
            }
        }
    }
    Ok(best.map(|(_, d)| d))
}

/// Moves a known deal on with a new report: the status only forward, a preliminary type to the
/// final one, figures from a report at least as recent, gaps filled; each change recorded.
fn move_on(
    tx: &Transaction,
    known: &Deal,
    a: &Article,
    d: &Deal,
    seen: &str,
) -> rusqlite::Result<()> {
    let (first_seen, last_seen, dated): (String, String, bool) = tx.query_row(
        "SELECT first_seen, last_seen, dated FROM deals WHERE id = ?1",
        [&known.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let later = (a.published.is_some() || !dated) && seen >= last_seen.as_str();
    let change = |field: &str, old: Option<String>, new: Option<String>| {
        tx.execute(
            "INSERT OR REPLACE INTO changes (deal_id, article_id, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![known.id, a.key, field, old, new],
        )
    };
    let mut status = known.status;
    if track::status_rank(d.status) > track::status_rank(known.status) {
        status = d.status;
        change(
            "status",
            Some(known.status.as_str().into()),
            Some(d.status.as_str().into()),
        )?;
    }
    let preliminary = |t: DealType| matches!(t, DealType::Mou | DealType::LetterOfIntent);
    let mut deal_type = known.deal_type;
    if preliminary(known.deal_type) && !preliminary(d.deal_type) {
        deal_type = d.deal_type;
        change(
            "type",
            Some(known.deal_type.as_str().into()),
            Some(d.deal_type.as_str().into()),
        )?;
    }
    let mut amount = (
        known.amount,
        known.currency.clone(),
        known.qualifier,
        known.amount_max,
        known.currency_inferred,
    );
    if d.amount.is_some()
        && (known.amount.is_none()
            || (later && (d.amount != known.amount || d.currency != known.currency)))
    {
        let show = |v: Option<Decimal>, c: &Option<String>| {
            v.map(|v| format!("{} {}", plain_decimal(v), c.as_deref().unwrap_or("")))
        };
        change(
            "amount",
            show(known.amount, &known.currency),
            show(d.amount, &d.currency),
        )?;
        amount = (
            d.amount,
            d.currency.clone(),
            d.qualifier,
            d.amount_max,
            d.currency_inferred,
        );
    }
    let mut quantity = known.quantity;
    if d.quantity.is_some() && (known.quantity.is_none() || (later && d.quantity != known.quantity))
    {
        change(
            "quantity",
            known.quantity.map(|q| q.to_string()),
            d.quantity.map(|q| q.to_string()),
        )?;
        quantity = d.quantity;
    }
    let mut parties = known.parties.clone();
    for p in &d.parties {
        if !parties.contains(p) {
            parties.push(p.clone());
        }
    }
    // An undated report (its day is the ingestion day) does not move a dated deal's dates.
    let (first, last) = if a.published.is_some() || !dated {
        (
            first_seen.as_str().min(seen).to_string(),
            last_seen.as_str().max(seen).to_string(),
        )
    } else {
        (first_seen.clone(), last_seen.clone())
    };
    let dated = dated || a.published.is_some();
    tx.execute(
        "UPDATE deals SET type = ?2, status = ?3, provider = COALESCE(provider, ?4),
           recipient = COALESCE(recipient, ?5), parties = ?6, item = COALESCE(item, ?7),
           quantity = ?8, amount = ?9, currency = ?10, qualifier = ?11, amount_max = ?12,
           first_seen = ?13, last_seen = ?14, dated = ?15, currency_inferred = ?16
         WHERE id = ?1",
        params![
            known.id,
            deal_type.as_str(),
            status.as_str(),
            d.provider,
            d.recipient,
            parties.join("; "),
            d.item,
            quantity.map(|q| q as i64),
            dec_text(amount.0),
            amount.1,
            amount.2.map(|q| q.as_str()),
            dec_text(amount.3),
            first,
            last,
            dated,
            amount.4
        ],
    )?;
    Ok(())
}

/// Which articles to read back: those whose date (`seen`) lies in the range.
#[derive(Debug, Clone, Copy, Default)]
pub struct Range {
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Range {
    fn sql(&self) -> (String, String) {
        (
            self.since
                .map_or_else(|| "0000-00-00".into(), |d| d.to_string()),
            self.until
                .map_or_else(|| "9999-99-99".into(), |d| d.to_string()),
        )
    }
}

/// Deals and totals read back from the ledger, as the other commands take them.
pub struct Loaded {
    pub articles: usize,
    pub deals: Vec<Deal>,
    pub totals: Vec<Total>,
    /// Each article's own account of its deals (one per report, `source` the article's): what
    /// its announced totals are checked against, whatever later articles said.
    pub accounts: Vec<Deal>,
    /// Article titles and links by source, for reports.
    pub meta: BTreeMap<String, ArticleMeta>,
}

impl Ledger {
    /// Every deal with a report from an article dated in `range`, with all its reports (each
    /// article that reports it), and the totals of articles in the range.
    pub fn load(&self, range: Range) -> anyhow::Result<Loaded> {
        self.load_inner(range).map_err(|e| err(&self.path, e))
    }

    fn load_inner(&self, range: Range) -> rusqlite::Result<Loaded> {
        let (since, until) = range.sql();
        let c = &self.conn;
        let articles: usize = c.query_row(
            "SELECT COUNT(*) FROM articles WHERE seen BETWEEN ?1 AND ?2",
            params![since, until],
            |r| r.get::<_, i64>(0),
        )? as usize;
        let mut meta = BTreeMap::new();
        {
            let mut q = c.prepare("SELECT source, title, url, published FROM articles")?;
            let rows = q.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    ArticleMeta {
                        title: r.get(1)?,
                        url: r.get(2)?,
                        published: parse_date(r.get(3)?),
                    },
                ))
            })?;
            for row in rows {
                let (s, m) = row?;
                meta.insert(s, m);
            }
        }
        let mut deals = Vec::new();
        let mut q = c.prepare(
            "SELECT d.id, d.type, d.status, d.sector, d.provider, d.recipient, d.parties, d.item,
                    d.quantity, d.amount, d.currency, d.qualifier, d.amount_max, d.language,
                    d.evidence, a.source, a.published, d.first_seen, d.currency_inferred
             FROM deals d JOIN articles a ON a.id = d.first_article
             WHERE EXISTS (SELECT 1 FROM reports r JOIN articles x ON x.id = r.article_id
                           WHERE r.deal_id = d.id AND x.seen BETWEEN ?1 AND ?2)
             ORDER BY d.first_seen, d.id",
        )?;
        let rows = q.query_map(params![since, until], |r| {
            Ok(Deal {
                id: r.get(0)?,
                deal_type: DealType::parse(&r.get::<_, String>(1)?).unwrap_or(DealType::Other),
                status: DealStatus::parse(&r.get::<_, String>(2)?).unwrap_or(DealStatus::Announced),
                sector: r.get(3)?,
                provider: r.get(4)?,
                recipient: r.get(5)?,
                parties: split_parties(&r.get::<_, String>(6)?),
                item: r.get(7)?,
                quantity: r.get::<_, Option<i64>>(8)?.map(|q| q as u64),
                amount: parse_dec(r.get(9)?),
                currency: r.get(10)?,
                currency_inferred: r.get(18)?,
                qualifier: r
                    .get::<_, Option<String>>(11)?
                    .and_then(|q| parse_qualifier(&q)),
                amount_max: parse_dec(r.get(12)?),
                language: r.get::<_, String>(13)?.parse().unwrap_or(Lang::En),
                evidence: r.get(14)?,
                source: r.get(15)?,
                published: parse_date(r.get(16)?),
                start: 0,
                end: 0,
                sources: vec![],
                reports: vec![],
                notes: vec![],
            })
        })?;
        for d in rows {
            deals.push(d?);
        }
        let mut rq = c.prepare(
            "SELECT a.source, a.published, a.language, r.evidence, r.start, r.\"end\", r.report_id
             FROM reports r JOIN articles a ON a.id = r.article_id
             WHERE r.deal_id = ?1 ORDER BY a.seen, r.seq",
        )?;
        for d in &mut deals {
            let refs = rq.query_map([&d.id], |r| {
                Ok((
                    SourceRef {
                        source: r.get(0)?,
                        published: parse_date(r.get(1)?),
                        language: r.get::<_, String>(2)?.parse().unwrap_or(Lang::En),
                        evidence: r.get(3)?,
                        start: r.get::<_, i64>(4)? as usize,
                        end: r.get::<_, i64>(5)? as usize,
                    },
                    r.get::<_, String>(6)?,
                ))
            })?;
            for x in refs {
                let (sr, rid) = x?;
                if rid == d.id || (d.reports.is_empty() && sr.source == d.source) {
                    d.start = sr.start;
                    d.end = sr.end;
                }
                d.reports.push(sr);
            }
            if d.reports.len() > 1 {
                d.sources = d.reports.iter().map(|r| r.source.clone()).collect();
                d.sources.dedup();
            } else {
                d.reports.clear();
            }
        }
        let mut totals = Vec::new();
        let mut tq = c.prepare(
            "SELECT t.id, a.source, a.published, a.language, t.amount, t.currency, t.qualifier,
                    t.evidence, t.start, t.\"end\"
             FROM totals t JOIN articles a ON a.id = t.article_id
             WHERE a.seen BETWEEN ?1 AND ?2 ORDER BY a.seen, a.source, t.start",
        )?;
        let rows = tq.query_map(params![since, until], |r| {
            Ok(Total {
                id: r.get(0)?,
                source: r.get(1)?,
                published: parse_date(r.get(2)?),
                language: r.get::<_, String>(3)?.parse().unwrap_or(Lang::En),
                amount: parse_dec(r.get(4)?).unwrap_or_default(),
                currency: r.get(5)?,
                qualifier: parse_qualifier(&r.get::<_, String>(6)?).unwrap_or(Qualifier::Exact),
                evidence: r.get(7)?,
                start: r.get::<_, i64>(8)? as usize,
                end: r.get::<_, i64>(9)? as usize,
            })
        })?;
        for t in rows {
            totals.push(t?);
        }
        let mut accounts = Vec::new();
        let mut aq = c.prepare(
            "SELECT r.deal_id, a.source, a.published, a.language, r.type, r.status, r.provider,
                    r.recipient, r.parties, r.item, r.quantity, r.amount, r.currency, r.qualifier,
                    r.amount_max, r.evidence, r.start, r.\"end\", d.sector, r.currency_inferred
             FROM reports r JOIN articles a ON a.id = r.article_id JOIN deals d ON d.id = r.deal_id
             WHERE a.id IN (SELECT article_id FROM totals) AND a.seen BETWEEN ?1 AND ?2
             ORDER BY a.seen, a.source, r.start",
        )?;
        let rows = aq.query_map(params![since, until], |r| {
            Ok(Deal {
                id: r.get(0)?,
                source: r.get(1)?,
                published: parse_date(r.get(2)?),
                language: r.get::<_, String>(3)?.parse().unwrap_or(Lang::En),
                deal_type: DealType::parse(&r.get::<_, String>(4)?).unwrap_or(DealType::Other),
                status: DealStatus::parse(&r.get::<_, String>(5)?).unwrap_or(DealStatus::Announced),
                provider: r.get(6)?,
                recipient: r.get(7)?,
                parties: split_parties(&r.get::<_, String>(8)?),
                item: r.get(9)?,
                quantity: r.get::<_, Option<i64>>(10)?.map(|q| q as u64),
                amount: parse_dec(r.get(11)?),
                currency: r.get(12)?,
                currency_inferred: r.get(19)?,
                qualifier: r
                    .get::<_, Option<String>>(13)?
                    .and_then(|q| parse_qualifier(&q)),
                amount_max: parse_dec(r.get(14)?),
                evidence: r.get(15)?,
                start: r.get::<_, i64>(16)? as usize,
                end: r.get::<_, i64>(17)? as usize,
                sector: r.get(18)?,
                sources: vec![],
                reports: vec![],
                notes: vec![],
            })
        })?;
        for d in rows {
            accounts.push(d?);
        }
        Ok(Loaded {
            articles,
            deals,
            totals,
            accounts,
            meta,
        })
    }

    /// What is new or changed since a date: deals first seen on or after it, and deals seen
    /// before whose status, type or figures a report dated on or after it changed.
    pub fn news(&self, since: Date) -> anyhow::Result<News> {
        let s = since.to_string();
        let inner = || -> rusqlite::Result<News> {
            let mut q = self
                .conn
                .prepare("SELECT id FROM deals WHERE first_seen >= ?1 ORDER BY first_seen, id")?;
            let new = q
                .query_map([&s], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut q = self.conn.prepare(
                "SELECT c.deal_id, a.seen, c.field, c.old, c.new, a.source
                 FROM changes c JOIN articles a ON a.id = c.article_id
                 JOIN deals d ON d.id = c.deal_id
                 WHERE a.seen >= ?1 AND d.first_seen < ?1 ORDER BY a.seen, c.deal_id, c.field",
            )?;
            let changed = q
                .query_map([&s], |r| {
                    Ok(Change {
                        deal_id: r.get(0)?,
                        date: r.get(1)?,
                        field: r.get(2)?,
                        old: r.get(3)?,
                        new: r.get(4)?,
                        source: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(News { new, changed })
        };
        inner().map_err(|e| err(&self.path, e))
    }

    /// A deal's timeline: its current state and every report and change, oldest first.
    pub fn history(&self, id: &str) -> anyhow::Result<Option<History>> {
        let inner = || -> rusqlite::Result<Option<History>> {
            let exists: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM deals WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !exists {
                return Ok(None);
            }
            let loaded = self.load_inner(Range::default())?;
            let deal = loaded
                .deals
                .into_iter()
                .find(|d| d.id == id)
                .expect("the deal exists");
            let mut q = self.conn.prepare(
                "SELECT a.seen, a.published IS NOT NULL, a.title, a.url, a.source, r.type, r.status,
                        r.quantity, r.amount, r.currency, r.evidence, a.id
                 FROM reports r JOIN articles a ON a.id = r.article_id
                 WHERE r.deal_id = ?1 ORDER BY a.seen, r.seq",
            )?;
            let mut cq = self.conn.prepare(
                "SELECT field, old, new FROM changes WHERE deal_id = ?1 AND article_id = ?2 ORDER BY field",
            )?;
            let mut steps = Vec::new();
            let rows = q
                .query_map([id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, bool>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<i64>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, String>(10)?,
                        r.get::<_, String>(11)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (seen, dated, title, url, source, ty, status, qty, amount, cur, evidence, art) in
                rows
            {
                let changes = cq
                    .query_map(params![id, art], |r| {
                        Ok(format!(
                            "{}: {} → {}",
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<String>>(1)?
                                .unwrap_or_else(|| "(none)".into()),
                            r.get::<_, Option<String>>(2)?
                                .unwrap_or_else(|| "(none)".into())
                        ))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                steps.push(Step {
                    date: seen,
                    dated,
                    title,
                    url,
                    source,
                    deal_type: ty,
                    status,
                    quantity: qty.map(|q| q as u64),
                    amount: parse_dec(amount),
                    currency: cur,
                    changes,
                    evidence,
                });
            }
            Ok(Some(History { deal, steps }))
        };
        inner().map_err(|e| err(&self.path, e))
    }
}

/// What changed since a date.
#[derive(Debug, Clone, Default)]
pub struct News {
    /// Ids of deals first seen on or after the date.
    pub new: Vec<String>,
    /// Changes to earlier deals made by reports dated on or after it.
    pub changed: Vec<Change>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Change {
    pub deal_id: String,
    pub date: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub source: String,
}

/// A deal and its timeline.
#[derive(Debug, Clone, serde::Serialize)]
pub struct History {
    pub deal: Deal,
    pub steps: Vec<Step>,
}

/// One article's report of a deal, with what it changed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Step {
    /// The article's date (its publication date, else the day it was ingested).
    pub date: String,
    /// Whether `date` is the publication date.
    pub dated: bool,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: String,
    #[serde(rename = "type")]
    pub deal_type: String,
    pub status: String,
    pub quantity: Option<u64>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    /// "status: announced → signed", …
    pub changes: Vec<String>,
    pub evidence: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_opening_a_new_ledger_at_once_all_open_it() {
        let dir = tempfile::tempdir().unwrap();
        for round in 0..20 {
            let path = dir.path().join(format!("l{round}.db"));
            let barrier = std::sync::Barrier::new(6);
            std::thread::scope(|s| {
                let opened: Vec<_> = (0..6)
                    .map(|_| {
                        s.spawn(|| {
                            barrier.wait();
                            Ledger::open(&path).map(|_| ()).map_err(|e| e.to_string())
                        })
                    })
                    .collect();
                for o in opened {
                    assert_eq!(o.join().unwrap(), Ok(()), "round {round}");
                }
            });
        }
    }

    fn deal(source: &str, day: &str, status: DealStatus, amount: u64) -> Deal {
        Deal {
            id: stable_id(&[source, "deal"]),
            published: Some(day.parse().unwrap()),
            status,
            parties: vec!["Vietjet".into(), "Airbus".into()],
            item: Some("A321neo aircraft".into()),
            quantity: Some(20),
            amount: Some(Decimal::from(amount)),
            currency: Some("USD".into()),
            qualifier: Some(Qualifier::Exact),
            sector: "Aviation".into(),
            evidence: format!("{source} says so"),
            ..Deal::blank(source)
        }
    }

    /// A ledger written by schema 1 (no `currency_inferred`) is brought to schema 2 when opened.
    #[test]
    fn a_schema_1_ledger_gains_currency_inferred_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        drop(Ledger::open(&path).unwrap());
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "ALTER TABLE deals DROP COLUMN currency_inferred;
             ALTER TABLE reports DROP COLUMN currency_inferred;
             UPDATE meta SET value = '1' WHERE key = 'schema';",
        )
        .unwrap();
        drop(c);
        drop(Ledger::open(&path).unwrap());
        let c = Connection::open(&path).unwrap();
        let v: String = c
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let n: i64 = c
            .query_row("SELECT COUNT(currency_inferred) FROM deals", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn deals_extracted_elsewhere_go_in_with_one_call_and_move_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut l = Ledger::open(&dir.path().join("l.db")).unwrap();
        let first = deal(
            "a.jsonl#1",
            "2025-03-03",
            DealStatus::Announced,
            2_000_000_000,
        );
        let later = deal("a.jsonl#2", "2025-03-20", DealStatus::Signed, 2_100_000_000);
        let got = l
            .ingest_deals(
                vec![later.clone(), first.clone()],
                "2025-04-01T00:00:00Z",
                Lexicons::builtin(),
            )
            .unwrap();
        assert_eq!((got.articles, got.new_deals, got.updated_deals), (2, 1, 1));
        let h = l
            .history(&first.id)
            .unwrap()
            .expect("the earliest report's id");
        assert_eq!(h.deal.status, DealStatus::Signed);
        assert_eq!(h.deal.amount, Some(Decimal::from(2_100_000_000u64)));
        assert_eq!(h.steps.len(), 2);
        assert_eq!(
            h.steps[1].changes,
            [
                "amount: 2000000000 USD → 2100000000 USD",
                "status: announced → signed"
            ]
        );
        // again: nothing changes
        let again = l
            .ingest_deals(
                vec![first, later],
                "2025-04-02T00:00:00Z",
                Lexicons::builtin(),
            )
            .unwrap();
        assert_eq!((again.articles, again.known), (0, 2));
    }
}
