//! HTML pages and WARC archives give the same deals as the same articles as text.
//!
//! The articles are this test's own text; the pages wrap them in a news site's markup
//! (`dealtrack::html::news_page`: navigation, advertisements, scripts, an HTML comment, readers'
//! comments, related links, JSON-LD), each piece of boilerplate reading like a deal, so any of it
//! leaking into the extracted text changes the deals.

use std::path::Path;

use assert_cmd::Command;
use dealtrack::html::news_page;
use dealtrack::warc::write;
use predicates::str::contains;
use serde_json::Value;

struct Article {
    name: &'static str,
    date: &'static str,
    title: &'static str,
    url: &'static str,
    paragraphs: &'static [&'static str],
}

const ARTICLES: &[Article] = &[
    Article {
        name: "cranes",
        date: "2025-03-14",
        title: "Northwind orders harbour cranes",
        url: "https://ledger.example/business/2025/03/northwind-cranes",
        paragraphs: &[
            "Northwind Logistics Corp has signed a contract with Siemens to buy 12 harbour cranes worth $480 million, the company said on Friday.",
            "The cranes are to be delivered from next spring. Analysts said the order would raise the capacity of the container terminal by a third and shorten the time ships spend waiting at anchor.",
            "Work on the reinforced quay wall that will carry the cranes began last autumn and is on schedule, a spokeswoman for the port said, adding that the terminal would stay open during construction.",
            "The port handled more containers last year than in any year before, and its owners have said they want to double that within a decade.",
        ],
    },
    Article {
        name: "strassenbahn",
        date: "2025-04-02",
        title: "Rheinbahn bestellt neue Straßenbahnen",
        url: "https://ledger.example/de/wirtschaft/rheinbahn",
        paragraphs: &[
            "Die Rheinbahn AG hat bei Siemens Mobility 40 Straßenbahnen für rund 350 Millionen Euro bestellt, wie das Unternehmen am Mittwoch mitteilte.",
            "Die ersten Fahrzeuge sollen in zwei Jahren auf den Linien im Süden der Stadt fahren. Die neuen Bahnen sind länger als die alten und bieten Platz für mehr Fahrgäste.",
            "Der Verkehrsverbund rechnet damit, dass die Zahl der Fahrgäste in den kommenden Jahren weiter steigt, und will deshalb auch die Takte auf mehreren Strecken verdichten.",
            "Die alten Fahrzeuge sollen nach und nach ausgemustert werden; einige davon gehen an ein Museum.",
        ],
    },
    Article {
        name: "tuabin",
        date: "2025-05-20",
        title: "Hòa Phát mua tua-bin khí",
        url: "https://ledger.example/vi/kinh-te/hoa-phat-tua-bin",
        paragraphs: &[
            "Tập đoàn Hòa Phát đã ký hợp đồng với Siemens Energy để mua 2 tua-bin khí trị giá 150 triệu USD, theo thông báo hôm thứ Ba.",
            "Hai tua-bin sẽ được lắp đặt tại nhà máy điện mới của tập đoàn ở miền Trung và dự kiến vận hành vào cuối năm sau.",
            "Đại diện doanh nghiệp cho biết nhà máy sẽ cung cấp điện cho các khu sản xuất thép và phần còn lại sẽ được bán lên lưới điện quốc gia.",
            "Dự án đã được địa phương chấp thuận chủ trương đầu tư từ đầu năm nay.",
        ],
    },
];

fn text_of(a: &Article) -> String {
    format!(
        "date {} {}\n\n{}\n",
        a.date,
        a.title,
        a.paragraphs.join("\n\n")
    )
}

fn page_of(a: &Article, dated: bool) -> String {
    news_page(a.title, dated.then_some(a.date), a.url, a.paragraphs)
}

fn dealtrack() -> Command {
    Command::cargo_bin("dealtrack").unwrap()
}

/// Runs `extract --format jsonl --no-merge --with-text` and returns (deals, documents, stderr, code).
fn run(args: &[&Path]) -> (Vec<Value>, Vec<Value>, String, i32) {
    let out = dealtrack()
        .arg("extract")
        .args(args)
        .args(["--format", "jsonl", "--no-merge", "--with-text"])
        .output()
        .unwrap();
    let mut deals = Vec::new();
    let mut docs = Vec::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        match v["record"].as_str() {
            Some("deal") => deals.push(v),
            Some("document") => docs.push(v),
            _ => {}
        }
    }
    (
        deals,
        docs,
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// A deal without what names where it was read (id, source, byte span, and the page's link, which
/// a text file does not have).
fn essence(d: &Value) -> Value {
    let mut d = d.clone();
    let o = d.as_object_mut().unwrap();
    for k in ["id", "source", "start", "end", "url"] {
        o.remove(k);
    }
    d
}

fn essences(deals: &[Value]) -> Vec<Value> {
    deals.iter().map(essence).collect()
}

/// Every deal's evidence is its document's text at its span.
fn spans_hold(deals: &[Value], docs: &[Value]) {
    for d in deals {
        let doc = docs
            .iter()
            .find(|x| x["source"] == d["source"])
            .unwrap_or_else(|| panic!("no document for {d}"));
        let text = doc["text"].as_str().unwrap();
        let (s, e) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], d["evidence"].as_str().unwrap());
    }
}

fn text_deals(dir: &Path) -> Vec<Value> {
    let mut all = Vec::new();
    for a in ARTICLES {
        let p = dir.join(format!("{}.txt", a.name));
        std::fs::write(&p, text_of(a)).unwrap();
        let (deals, _, err, code) = run(&[&p]);
        assert_eq!(code, 0, "{err}");
        all.extend(deals);
    }
    // Each article states one deal: the comparison below is not of empty lists.
    assert_eq!(all.len(), ARTICLES.len(), "{all:#?}");
    all
}

#[test]
fn html_pages_give_the_deals_of_the_same_articles_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let want = text_deals(dir.path());
    for (a, want) in ARTICLES.iter().zip(&want) {
        let p = dir.path().join(format!("{}.html", a.name));
        std::fs::write(&p, page_of(a, true)).unwrap();
        let (deals, docs, err, code) = run(&[&p]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(essences(&deals), vec![essence(want)], "{}", a.name);
        spans_hold(&deals, &docs);
        // Title, date and URL come from the page's metadata.
        let doc = &docs[0];
        assert_eq!(doc["title"], a.title);
        assert_eq!(doc["published"], a.date);
        assert_eq!(doc["url"], a.url);
        let text = doc["text"].as_str().unwrap();
        for junk in [
            "Globex",
            "Umbrella",
            "Initech",
            "Vandelay",
            "Soylent",
            "Wayne",
            "Subscribe",
            "©",
        ] {
            assert!(
                !text.contains(junk),
                "{junk} in the text of {}:\n{text}",
                a.name
            );
        }
    }
}

#[test]
fn a_directory_of_pages_and_the_jsonl_html_field() {
    let dir = tempfile::tempdir().unwrap();
    let want = text_deals(dir.path());
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let mut jsonl = String::new();
    for a in ARTICLES {
        let ext = if a.name == "tuabin" { "htm" } else { "html" };
        std::fs::write(pages.join(format!("{}.{ext}", a.name)), page_of(a, true)).unwrap();
        jsonl.push_str(&serde_json::json!({"id": a.name, "html": page_of(a, true)}).to_string());
        jsonl.push('\n');
    }
    let (deals, _, err, code) = run(&[&pages]);
    assert_eq!(code, 0, "{err}");
    // Directory order is by file name: cranes, strassenbahn, tuabin — the order of ARTICLES.
    assert_eq!(essences(&deals), essences(&want));
    let j = dir.path().join("pages.jsonl");
    std::fs::write(&j, jsonl).unwrap();
    let (deals, docs, err, code) = run(&[&j]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(essences(&deals), essences(&want));
    assert_eq!(docs[1]["source"], format!("{}#strassenbahn", j.display()));
    assert_eq!(docs[1]["url"], ARTICLES[1].url);
}

/// An archive as a crawler writes it: warcinfo, then per page a request, the response and a
/// metadata record; an image response; gzip members of one record each when `gzip`.
fn archive(dated: bool) -> Vec<Vec<u8>> {
    let mut recs = vec![write::record(
        "warcinfo",
        "",
        "2025-06-01T00:00:00Z",
        "application/warc-fields",
        b"software: dealtrack-test\r\nformat: WARC File Format 1.1\r\n",
    )];
    for (i, a) in ARTICLES.iter().enumerate() {
        let crawled = format!("2025-06-0{}T12:00:00Z", i + 2);
        recs.push(write::record(
            "request",
            a.url,
            &crawled,
            "application/http; msgtype=request",
            format!("GET {} HTTP/1.1\r\nHost: ledger.example\r\n\r\n", a.url).as_bytes(),
        ));
        recs.push(write::html_response(a.url, &crawled, &page_of(a, dated)));
        recs.push(write::record(
            "metadata",
            a.url,
            &crawled,
            "application/warc-fields",
            b"fetchTimeMs: 120\r\n",
        ));
    }
    recs.push(write::record(
        "response",
        "https://ledger.example/logo.png",
        "2025-06-05T12:00:00Z",
        "application/http; msgtype=response",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\x89PNG",
    ));
    recs
}

#[test]
fn warc_archives_plain_and_gzip_give_the_deals_of_the_same_articles_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let want = text_deals(dir.path());
    let recs = archive(true);
    let members: Vec<Vec<u8>> = recs.iter().map(|r| write::gzip_member(r)).collect();
    let plain = dir.path().join("crawl.warc");
    let gz = dir.path().join("crawl.warc.gz");
    std::fs::write(&plain, recs.concat()).unwrap();
    std::fs::write(&gz, members.concat()).unwrap();
    for (path, parts) in [(&plain, &recs), (&gz, &members)] {
        let (deals, docs, err, code) = run(&[path]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(essences(&deals), essences(&want), "{}", path.display());
        spans_hold(&deals, &docs);
        // Responses are records 2, 5 and 8: named by their (member's) byte offset.
        for (k, i) in [2usize, 5, 8].into_iter().enumerate() {
            let offset: usize = parts[..i].iter().map(Vec::len).sum();
            assert_eq!(docs[k]["source"], format!("{}#{offset}", path.display()));
            assert_eq!(docs[k]["url"], ARTICLES[k].url);
            assert_eq!(docs[k]["published"], ARTICLES[k].date);
            assert_eq!(docs[k]["title"], ARTICLES[k].title);
        }
        // One warning line for all skipped records.
        let warnings: Vec<&str> = err.lines().filter(|l| l.contains("skipped")).collect();
        assert_eq!(
            warnings,
            vec![format!(
                "dealtrack: warning: {}: 8 records skipped (3 metadata, 1 not HTML: image/png, 3 request, 1 warcinfo)",
                path.display()
            )]
        );
    }
}

#[test]
fn without_a_date_in_the_page_the_crawl_date_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("undated.warc.gz");
    let members: Vec<Vec<u8>> = archive(false)
        .iter()
        .map(|r| write::gzip_member(r))
        .collect();
    std::fs::write(&gz, members.concat()).unwrap();
    let (deals, docs, err, code) = run(&[&gz]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(deals.len(), 3);
    let dates: Vec<&str> = docs
        .iter()
        .map(|d| d["published"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2025-06-02", "2025-06-03", "2025-06-04"]);
}

#[test]
fn a_corrupt_record_is_an_error_naming_file_and_offset_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let want = text_deals(dir.path());
    let recs = archive(true);
    let mut members: Vec<Vec<u8>> = recs.iter().map(|r| write::gzip_member(r)).collect();
    // The second article's response (record 5): damage its compressed bytes.
    let m = &mut members[5];
    let mid = m.len() / 2;
    for b in &mut m[mid..mid + 16] {
        *b = !*b;
    }
    let offset: usize = members[..5].iter().map(Vec::len).sum();
    let gz = dir.path().join("damaged.warc.gz");
    std::fs::write(&gz, members.concat()).unwrap();
    let (deals, _, err, code) = run(&[&gz]);
    assert_eq!(code, 2, "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with(&format!(
            "dealtrack: error: {}: record at byte {offset}: corrupt gzip data",
            gz.display()
        )),
        "{err}"
    );
    assert_eq!(essences(&deals), vec![essence(&want[0]), essence(&want[2])]);

    // A plain archive cut inside the last page: the earlier pages are read, the cut is named.
    let plain: Vec<u8> = recs[..9].concat();
    let cut_at: usize = recs[..8].iter().map(Vec::len).sum();
    let cut = dir.path().join("cut.warc");
    std::fs::write(&cut, &plain[..plain.len() - 500]).unwrap();
    let (deals, _, err, code) = run(&[&cut]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!(
            "{}: record at byte {cut_at}: truncated: Content-Length",
            cut.display()
        )),
        "{err}"
    );
    assert_eq!(essences(&deals), essences(&want[..2]));
}

#[test]
fn warc_from_stdin_with_input_warc() {
    let members: Vec<Vec<u8>> = archive(true)
        .iter()
        .map(|r| write::gzip_member(r))
        .collect();
    dealtrack()
        .args([
            "extract",
            "-",
            "--input",
            "warc",
            "--format",
            "csv",
            "--no-merge",
        ])
        .write_stdin(members.concat())
        .assert()
        .success()
        .stdout(contains("Northwind Logistics"))
        .stdout(contains("Siemens Mobility"))
        .stdout(contains("Hoa Phat"));
}

#[test]
fn many_pages_come_out_in_input_order() {
    // More pages than one parallel chunk (64), files and archive records alike.
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let mut recs = Vec::new();
    let mut want = Vec::new();
    for i in 0..150 {
        let a = &ARTICLES[i % ARTICLES.len()];
        let p = pages.join(format!("{i:03}.html"));
        std::fs::write(&p, page_of(a, true)).unwrap();
        want.push((p.display().to_string(), a.title));
        recs.push(write::gzip_member(&write::html_response(
            a.url,
            "2025-06-01T00:00:00Z",
            &page_of(a, true),
        )));
    }
    let (deals, docs, err, code) = run(&[&pages]);
    assert_eq!(code, 0, "{err}");
    let got: Vec<(String, &str)> = docs
        .iter()
        .map(|d| {
            (
                d["source"].as_str().unwrap().to_string(),
                d["title"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(deals.len(), 150);
    let gz = dir.path().join("many.warc.gz");
    std::fs::write(&gz, recs.concat()).unwrap();
    let (_, docs, err, code) = run(&[&gz]);
    assert_eq!(code, 0, "{err}");
    let mut offset = 0;
    for (d, r) in docs.iter().zip(&recs) {
        assert_eq!(d["source"], format!("{}#{offset}", gz.display()));
        offset += r.len();
    }
    let titles: Vec<&str> = docs.iter().map(|d| d["title"].as_str().unwrap()).collect();
    let want_titles: Vec<&str> = want.iter().map(|w| w.1).collect();
    assert_eq!(titles, want_titles);
}
