//! COVERAGE.md: for each peer, the status checks it makes and the rule of this crate that makes
//! each, or why none does. The data is `coverage/*.tsv`, one file per peer; these tests check it
//! against the rules and render the page from it (`BLESS=1 cargo test --all-features --test all
//! -- coverage::` rewrites it).

use tower_status_conformance::Rule;

use crate::reference::check_or_bless_between;

/// The peers, in the page's order.
const PEERS: [&str; 5] = ["thymian", "lint-http", "httplint", "redbot", "httpolice"];

const START: &str = "<!-- coverage:start -->\n";
const END: &str = "<!-- coverage:end -->";

/// What the crate does with a peer's check.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verdict {
    Checked,
    Partly,
    NotChecked,
    OutOfScope,
}

impl Verdict {
    const ALL: [Self; 4] = [
        Self::Checked,
        Self::Partly,
        Self::NotChecked,
        Self::OutOfScope,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::Checked => "checked",
            Self::Partly => "partly",
            Self::NotChecked => "not checked",
            Self::OutOfScope => "out of scope",
        }
    }
}

struct Row {
    id: String,
    what: String,
    section: String,
    level: String,
    verdict: Verdict,
    rules: Vec<Rule>,
    note: String,
}

struct Peer {
    name: String,
    source: String,
    selection: String,
    rows: Vec<Row>,
}

/// Reads `coverage/<file>.tsv`, failing on anything a reader of the page could be misled by:
/// an unknown verdict or rule, a check listed twice, a verdict without what it needs.
fn read(file: &str) -> Peer {
    let path = format!("{}/coverage/{file}.tsv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let meta = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("# {key}: ")))
            .unwrap_or_else(|| panic!("{file}.tsv: no `# {key}:` line"))
            .to_owned()
    };
    let mut rows: Vec<Row> = Vec::new();
    for line in text.lines().filter(|line| !line.starts_with('#')) {
        let cells: Vec<&str> = line.split('\t').collect();
        let [id, what, section, level, verdict, rules, note] = cells[..] else {
            panic!("{file}.tsv: not 7 cells: {line}");
        };
        let verdict = Verdict::ALL
            .into_iter()
            .find(|v| v.name() == verdict)
            .unwrap_or_else(|| panic!("{file}.tsv: `{id}`: no verdict `{verdict}`"));
        let rules: Vec<Rule> = rules
            .split_whitespace()
            .map(|rule| {
                Rule::from_id(rule)
                    .unwrap_or_else(|| panic!("{file}.tsv: `{id}`: no rule `{rule}`"))
            })
            .collect();
        match verdict {
            Verdict::Checked => assert!(!rules.is_empty(), "{file}.tsv: `{id}`: checked by?"),
            Verdict::Partly => assert!(
                !rules.is_empty() && !note.is_empty(),
                "{file}.tsv: `{id}`: partly needs its rules and what they leave out"
            ),
            Verdict::NotChecked | Verdict::OutOfScope => assert!(
                rules.is_empty() && !note.is_empty(),
                "{file}.tsv: `{id}`: {} needs its reason, and no rule",
                verdict.name()
            ),
        }
        assert!(
            !rows.iter().any(|row| row.id == id),
            "{file}.tsv: `{id}` listed twice"
        );
        rows.push(Row {
            id: id.to_owned(),
            what: what.to_owned(),
            section: section.to_owned(),
            level: level.to_owned(),
            verdict,
            rules,
            note: note.to_owned(),
        });
    }
    assert!(!rows.is_empty(), "{file}.tsv: no rows");
    Peer {
        name: meta("peer"),
        source: meta("source"),
        selection: meta("selection"),
        rows,
    }
}

fn count(peer: &Peer, verdict: Verdict) -> usize {
    peer.rows
        .iter()
        .filter(|row| row.verdict == verdict)
        .count()
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn render(peers: &[Peer]) -> String {
    let mut page = String::from(
        "| peer | checks listed | checked | partly | not checked | out of scope |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for peer in peers {
        page += &format!("| {} | {}", peer.name, peer.rows.len());
        for verdict in Verdict::ALL {
            page += &format!(" | {}", count(peer, verdict));
        }
        page += " |\n";
    }
    for peer in peers {
        page += &format!(
            "\n## {}\n\nSource: {}. Listed: {}\n\n| peer's check | section | peer's level | here | why, or what is left out |\n|---|---|---|---|---|\n",
            peer.name, peer.source, peer.selection
        );
        for row in &peer.rows {
            let check = if row.what.is_empty() {
                format!("`{}`", row.id)
            } else {
                format!("`{}` {}", row.id, cell(&row.what))
            };
            let rules: Vec<String> = row
                .rules
                .iter()
                .map(|rule| format!("[`{}`](RULES.md#{})", rule.id(), rule.id()))
                .collect();
            let here = if rules.is_empty() {
                row.verdict.name().to_owned()
            } else {
                format!("{}: {}", row.verdict.name(), rules.join(", "))
            };
            page += &format!(
                "| {check} | {} | {} | {here} | {} |\n",
                row.section,
                row.level,
                cell(&row.note)
            );
        }
    }
    page
}

#[test]
fn coverage_page_matches_the_data() {
    let peers: Vec<Peer> = PEERS.iter().map(|file| read(file)).collect();
    check_or_bless_between("COVERAGE.md", START, END, &render(&peers));
}

/// The README's line on Thymian states the counts the data gives.
#[test]
fn readme_states_the_thymian_counts() {
    let thymian = read("thymian");
    let in_scope = thymian.rows.len() - count(&thymian, Verdict::OutOfScope);
    let line = format!(
        "of the {in_scope} sentences Thymian checks on a server's\nresponses, {} are checked here, {} in part and {} not",
        count(&thymian, Verdict::Checked),
        count(&thymian, Verdict::Partly),
        count(&thymian, Verdict::NotChecked),
    );
    let readme = include_str!("../../README.md");
    assert!(readme.contains(&line), "README.md should say: {line}");
}
