//! Writes a large, realistic, deterministic benchmark corpus of news articles in vi, de and en.
//!
//! ```text
//! cargo run --release --example gen_corpus -- [OUT_DIR] [--mb N] [--seed S]
//! ```
//!
//! OUT_DIR (default `bench-data/`) gets `files/{vi,de,en}/NNNNNN.txt` (one article per file, with a
//! `date YYYY-MM-DD title` header) and `corpus.jsonl` (the same articles as JSON Lines with `id`,
//! `date`, `title`, `lang`, `text`). `--mb` is the size of each of the two forms (default 210 MB).
//! Articles mix paragraphs of the sample articles (data/samples) with synthetic deal sentences
//! (templates per language with varied amounts — separators, scale words, currencies, ranges —
//! parties, items and quantities) and noise paragraphs. The same seed gives the same bytes.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast, deterministic; no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T: ?Sized>(&mut self, xs: &'a [&'a T]) -> &'a T {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy)]
enum L {
    Vi,
    De,
    En,
}

impl L {
    fn code(self) -> &'static str {
        match self {
            L::Vi => "vi",
            L::De => "de",
            L::En => "en",
        }
    }
}

const VI_PARTIES: &[&str] = &[
    "Vietnam Airlines",
    "Tập đoàn Vingroup",
    "Tập đoàn Điện lực Việt Nam (EVN)",
    "Boeing",
    "Tổng công ty Hàng hải Việt Nam",
    "Công ty CP FPT",
    "Tập đoàn Dầu khí Việt Nam",
    "Viettel",
    "Tập đoàn Hòa Phát",
    "General Electric",
    "Ngân hàng Vietcombank",
    "Công ty Sovico",
];
const DE_PARTIES: &[&str] = &[
    "Siemens",
    "die Deutsche Bahn",
    "Airbus",
    "Rheinmetall",
    "die Lufthansa",
    "Volkswagen",
    "die BASF",
    "ThyssenKrupp",
    "die Bundeswehr",
    "Vietnam Airlines",
    "der Energiekonzern RWE",
    "die Allianz",
];
const EN_PARTIES: &[&str] = &[
    "Boeing",
    "Vietnam Airlines",
    "General Electric",
    "Lockheed Martin",
    "the U.S. Department of Defense",
    "Microsoft",
    "VinFast",
    "Pfizer",
    "the World Bank",
    "Siemens Energy",
    "AES Corporation",
    "Bamboo Airways",
];

const VI_ITEMS: &[&str] = &[
    "máy bay Boeing 737 MAX",
    "tua-bin khí",
    "đầu máy xe lửa",
    "tấn gạo",
    "xe buýt điện",
    "tàu container",
    "máy bay Boeing 787-9 Dreamliner",
];
const DE_ITEMS: &[&str] = &[
    "Flugzeuge vom Typ A321neo",
    "Züge",
    "Windturbinen",
    "Panzer",
    "Elektrobusse",
    "Hubschrauber",
    "Tonnen Stahl",
];
const EN_ITEMS: &[&str] = &[
    "Boeing 737 MAX aircraft",
    "gas turbines",
    "locomotives",
    "tonnes of rice",
    "electric buses",
    "LNG carriers",
    "F-16 fighter jets",
];

/// An amount written the way each language's press writes it.
fn amount(rng: &mut Rng, lang: L) -> String {
    let int = 1 + rng.below(999);
    let frac = rng.below(10);
    let with_frac = rng.chance(40);
    match lang {
        L::Vi => {
            let num = if with_frac {
                format!("{int},{frac}")
            } else {
                int.to_string()
            };
            match rng.below(7) {
                0 => format!("{num} tỷ USD"),
                1 => format!("{num} triệu USD"),
                2 => format!("{num} nghìn tỷ đồng"),
                3 => format!("{num} tỷ đồng"),
                4 => format!("{}.{:03}.{:03} USD", int, rng.below(1000), rng.below(1000)),
                5 => format!("khoảng {num} triệu euro"),
                _ => format!("từ {int} đến {} tỷ USD", int + 1 + rng.below(50)),
            }
        }
        L::De => {
            let num = if with_frac {
                format!("{int},{frac}")
            } else {
                int.to_string()
            };
            match rng.below(7) {
                0 => format!("{num} Milliarden Euro"),
                1 => format!("{num} Mio. Euro"),
                2 => format!("{num} Millionen US-Dollar"),
                3 => format!("{}.{:03}.{:03} €", int, rng.below(1000), rng.below(1000)),
                4 => format!("rund {num} Mrd. €"),
                5 => format!("mehr als {num} Millionen Dollar"),
                _ => format!(
                    "zwischen {int} und {} Millionen Euro",
                    int + 1 + rng.below(50)
                ),
            }
        }
        L::En => {
            let num = if with_frac {
                format!("{int}.{frac}")
            } else {
                int.to_string()
            };
            match rng.below(7) {
                0 => format!("${num} billion"),
                1 => format!("US${num} million"),
                2 => format!("{num} million euros"),
                3 => format!("${},{:03},{:03}", int, rng.below(1000), rng.below(1000)),
                4 => format!("about ${num}bn"),
                5 => format!("VND{num} trillion"),
                _ => format!("between ${int} million and ${} million", int + 5),
            }
        }
    }
}

fn deal_sentence(rng: &mut Rng, lang: L) -> String {
    let (parties, items) = match lang {
        L::Vi => (VI_PARTIES, VI_ITEMS),
        L::De => (DE_PARTIES, DE_ITEMS),
        L::En => (EN_PARTIES, EN_ITEMS),
    };
    let a = rng.pick(parties);
    let mut b = rng.pick(parties);
    if a == b {
        b = parties[(parties.iter().position(|p| p == &a).unwrap_or(0) + 1) % parties.len()];
    }
    let item = rng.pick(items);
    let qty = 2 + rng.below(200);
    let amt = amount(rng, lang);
    let year = 2015 + rng.below(11);
    match (lang, rng.below(5)) {
        (L::Vi, 0) => {
            format!("{a} đã ký hợp đồng mua {qty} {item} của {b} với tổng giá trị {amt}.")
        }
        (L::Vi, 1) => format!(
            "Theo thỏa thuận ký năm {year}, {b} sẽ cung cấp {qty} {item} cho {a}, trị giá {amt}."
        ),
        (L::Vi, 2) => format!("{a} và {b} ký biên bản ghi nhớ (MoU) trị giá {amt}."),
        (L::Vi, 3) => {
            format!("Tổng giá trị các thỏa thuận được ký kết trong chuyến thăm đạt {amt}.")
        }
        (L::Vi, _) => {
            format!("{a} đang đàm phán với {b} về việc mua {qty} {item}, dự kiến khoảng {amt}.")
        }
        (L::De, 0) => format!("{a} hat bei {b} {qty} {item} im Wert von {amt} bestellt."),
        (L::De, 1) => format!(
            "Der im Jahr {year} unterzeichnete Vertrag zwischen {a} und {b} hat ein Volumen von {amt}."
        ),
        (L::De, 2) => format!("{a} und {b} unterzeichneten eine Absichtserklärung über {amt}."),
        (L::De, 3) => format!(
            "Insgesamt wurden während des Besuchs Vereinbarungen im Wert von {amt} geschlossen."
        ),
        (L::De, _) => {
            format!("{a} verhandelt mit {b} über die Lieferung von {qty} {item} für {amt}.")
        }
        (L::En, 0) => format!("{a} signed a {amt} contract with {b} for {qty} {item}."),
        (L::En, 1) => format!(
            "Under the {year} agreement, {b} will supply {qty} {item} to {a}, a deal worth {amt}."
        ),
        (L::En, 2) => format!("{a} and {b} signed a memorandum of understanding worth {amt}."),
        (L::En, 3) => format!("Deals worth a total of {amt} were signed during the visit."),
        (L::En, _) => {
            format!("{a} is in talks with {b} to buy {qty} {item} for around {amt}, sources said.")
        }
    }
}

fn noise_paragraph(rng: &mut Rng, lang: L) -> String {
    let sentences: &[&str] = match lang {
        L::Vi => &[
            "Hai bên nhất trí tăng cường hợp tác trong các lĩnh vực kinh tế, thương mại và đầu tư.",
            "Kim ngạch thương mại song phương năm 2024 tăng 18% so với cùng kỳ năm trước.",
            "Bộ trưởng nhấn mạnh tầm quan trọng của quan hệ đối tác chiến lược toàn diện.",
            "Cuộc họp diễn ra tại Hà Nội vào ngày 12/3, với sự tham gia của hơn 200 doanh nghiệp.",
            "Liên hệ đường dây nóng 1900 1234 để biết thêm chi tiết.",
            "Theo dõi Báo Gia Lai trên Google News.",
        ],
        L::De => &[
            "Beide Seiten vereinbarten, die Zusammenarbeit in Wirtschaft, Handel und Investitionen zu vertiefen.",
            "Das bilaterale Handelsvolumen stieg im Jahr 2024 um 18 Prozent gegenüber dem Vorjahr.",
            "Der Minister betonte die Bedeutung der umfassenden strategischen Partnerschaft.",
            "Das Treffen fand am 12. März in Berlin statt, mehr als 200 Unternehmen nahmen teil.",
            "Weitere Informationen unter der Telefonnummer 030 1234567.",
        ],
        L::En => &[
            "Both sides agreed to deepen cooperation in the economy, trade and investment.",
            "Bilateral trade rose 18% in 2024 compared with the previous year.",
            "The minister stressed the importance of the comprehensive strategic partnership.",
            "The meeting took place in Washington on March 12, with more than 200 companies attending.",
            "Call 1-800-555-0199 for more information.",
        ],
    };
    let n = 2 + rng.below(4);
    (0..n)
        .map(|_| rng.pick(sentences).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

fn article(rng: &mut Rng, lang: L, samples: &[Vec<String>; 3]) -> (String, String) {
    let pool = &samples[lang as usize];
    let title = match lang {
        L::Vi => "Ký kết hợp đồng",
        L::De => "Vertrag unterzeichnet",
        L::En => "Contract signed",
    };
    let title = format!("{title} {}", rng.below(100_000));
    let n = 4 + rng.below(10);
    let mut paras = Vec::with_capacity(n);
    for _ in 0..n {
        let para = match rng.below(10) {
            0..=3 => {
                let k = 1 + rng.below(3);
                (0..k)
                    .map(|_| deal_sentence(rng, lang))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            4..=6 if !pool.is_empty() => pool[rng.below(pool.len())].clone(),
            _ => noise_paragraph(rng, lang),
        };
        paras.push(para);
    }
    let mut body = paras.join("\n\n");
    if rng.chance(10) {
        body = body.replace('\n', "\r\n");
    }
    (title, body)
}

fn load_samples() -> [Vec<String>; 3] {
    let mut out: [Vec<String>; 3] = Default::default();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        for p in text.split("\n\n").map(str::trim) {
            if p.len() < 80 || p.starts_with("date ") {
                continue;
            }
            let lang = match dealtrack::lang::detect::detect(p) {
                Some(dealtrack::lang::Lang::Vi) => L::Vi,
                Some(dealtrack::lang::Lang::De) => L::De,
                Some(dealtrack::lang::Lang::En) => L::En,
                None => continue,
            };
            out[lang as usize].push(p.to_string());
        }
    }
    out
}

fn main() -> std::io::Result<()> {
    let mut out = PathBuf::from("bench-data");
    let mut mb: u64 = 210;
    let mut seed: u64 = 42;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--mb" => mb = args.next().and_then(|v| v.parse().ok()).expect("--mb N"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            "-h" | "--help" => {
                eprintln!("usage: gen_corpus [OUT_DIR] [--mb N] [--seed S]");
                return Ok(());
            }
            _ => out = PathBuf::from(a),
        }
    }
    let samples = load_samples();
    let mut rng = Rng(seed);
    for l in ["vi", "de", "en"] {
        fs::create_dir_all(out.join("files").join(l))?;
    }
    let mut jsonl = BufWriter::with_capacity(1 << 20, fs::File::create(out.join("corpus.jsonl"))?);
    let target = mb << 20;
    let (mut written, mut n) = (0u64, 0usize);
    while written < target {
        let lang = match rng.below(10) {
            0..=4 => L::Vi,
            5..=7 => L::En,
            _ => L::De,
        };
        let (title, body) = article(&mut rng, lang, &samples);
        let date = format!(
            "{}-{:02}-{:02}",
            2015 + rng.below(11),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let file_text = format!("date {date} {title}\n\n{body}\n");
        fs::write(
            out.join("files")
                .join(lang.code())
                .join(format!("{n:06}.txt")),
            &file_text,
        )?;
        let rec = serde_json::json!({
            "id": n, "date": date, "title": title, "lang": lang.code(), "text": body,
        });
        serde_json::to_writer(&mut jsonl, &rec)?;
        jsonl.write_all(b"\n")?;
        written += file_text.len() as u64;
        n += 1;
    }
    jsonl.flush()?;
    eprintln!(
        "gen_corpus: {n} articles, {:.0} MB of files and about as much JSON Lines in {}",
        written as f64 / 1048576.0,
        out.display()
    );
    Ok(())
}
