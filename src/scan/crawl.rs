//! Which pages to visit: the start URL, then same-site links breadth first
//! (as far as robots.txt allows), then the pages given with `--url`.

use std::collections::{BTreeSet, VecDeque};

use url::Url;

use crate::reference::cookiedb::glob;

/// The user agent token robots.txt rules are matched against (besides `*`).
pub const ROBOTS_AGENT: &str = "personvern";

/// Rules of robots.txt for one user agent: `Allow` and `Disallow` path
/// prefixes (with `*` and a closing `$` as in RFC 9309).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Robots {
    rules: Vec<(bool, String)>,
}

impl Robots {
    /// Parses robots.txt text: the group for [`ROBOTS_AGENT`] if there is
    /// one, else the group for `*`. Unknown lines are ignored.
    pub fn parse(text: &str) -> Robots {
        // (agents of the group, rules of the group)
        let mut groups: Vec<(Vec<String>, Vec<(bool, String)>)> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim().to_string();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new()));
                    }
                    in_agents = true;
                    if let Some(g) = groups.last_mut() {
                        g.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        // An empty Disallow allows everything: no rule.
                        if !value.is_empty() {
                            g.1.push((key == "allow", value));
                        }
                    }
                }
                _ => {}
            }
        }
        let pick = |agent: &str| {
            groups
                .iter()
                .filter(|g| g.0.iter().any(|a| a == agent))
                .flat_map(|g| g.1.iter().cloned())
                .collect::<Vec<_>>()
        };
        let own = pick(ROBOTS_AGENT);
        Robots {
            rules: if own.is_empty() { pick("*") } else { own },
        }
    }

    /// Whether a path (with its query) may be visited: the longest matching
    /// rule decides, `Allow` winning a tie; no matching rule allows.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if robots_match(pattern, path) {
                let len = pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, *allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// A robots.txt pattern: a prefix, where `*` matches any run of characters
/// and a final `$` anchors the end.
fn robots_match(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('$') {
        Some(p) => glob(p, path),
        None => glob(&format!("{pattern}*"), path),
    }
}

/// A URL as the crawler keeps it: without its fragment.
pub fn normalise(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_fragment(None);
    u
}

/// Whether `url` belongs to the scanned website: same scheme, host and
/// port as the start URL.
pub fn same_origin(start: &Url, url: &Url) -> bool {
    start.scheme() == url.scheme()
        && start.host_str() == url.host_str()
        && start.port_or_known_default() == url.port_or_known_default()
}

/// The breadth-first frontier of pages to visit.
#[derive(Debug)]
pub struct Frontier {
    start: Url,
    limit: usize,
    queue: VecDeque<Url>,
    seen: BTreeSet<String>,
    /// Links not followed because robots.txt disallows them.
    pub disallowed: Vec<String>,
    robots: Robots,
    found: usize,
}

impl Frontier {
    /// A frontier that holds the start URL and accepts up to `limit` more
    /// same-origin pages found by following links.
    pub fn new(start: &Url, limit: usize, robots: Robots) -> Frontier {
        let start = normalise(start);
        let mut f = Frontier {
            start: start.clone(),
            limit,
            queue: VecDeque::new(),
            seen: BTreeSet::new(),
            disallowed: Vec::new(),
            robots,
            found: 0,
        };
        f.seen.insert(start.to_string());
        f.queue.push_back(start);
        f
    }

    /// Adds links found on a page (those of the same origin, not seen yet,
    /// allowed by robots.txt), while fewer than the limit were found.
    pub fn add_links<'a>(&mut self, links: impl IntoIterator<Item = &'a str>) {
        for link in links {
            if self.found >= self.limit {
                return;
            }
            let Ok(url) = Url::parse(link) else { continue };
            if !matches!(url.scheme(), "http" | "https") || !same_origin(&self.start, &url) {
                continue;
            }
            let url = normalise(&url);
            if !self.seen.insert(url.to_string()) {
                continue;
            }
            let path = match url.query() {
                Some(q) => format!("{}?{q}", url.path()),
                None => url.path().to_string(),
            };
            if !self.robots.allows(&path) {
                self.disallowed.push(url.to_string());
                continue;
            }
            self.found += 1;
            self.queue.push_back(url);
        }
    }

    /// The next page to visit.
    pub fn next_page(&mut self) -> Option<Url> {
        self.queue.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_groups_and_longest_match() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /private\nAllow: /private/open\n\nUser-agent: other\nDisallow: /\n",
        );
        assert!(r.allows("/"));
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/open/page"));
        let own =
            Robots::parse("User-agent: *\nDisallow: /\nUser-agent: personvern\nDisallow: /admin\n");
        assert!(own.allows("/page"), "the personvern group replaces *");
        assert!(!own.allows("/admin/x"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n").allows("/any"));
    }

    #[test]
    fn robots_wildcards() {
        let r = Robots::parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\n");
        assert!(!r.allows("/files/a.pdf"));
        assert!(r.allows("/files/a.pdf.html"));
        assert!(!r.allows("/search?q=x"));
        assert!(r.allows("/searching"));
    }

    #[test]
    fn frontier_is_breadth_first_same_origin_and_bounded() {
        let start = Url::parse("http://127.0.0.1:8000/").expect("url");
        let mut f = Frontier::new(&start, 2, Robots::parse("User-agent: *\nDisallow: /no\n"));
        assert_eq!(
            f.next_page().map(|u| u.to_string()).as_deref(),
            Some("http://127.0.0.1:8000/")
        );
        f.add_links([
            "http://127.0.0.1:8000/#top",
            "http://127.0.0.1:9000/other-port",
            "mailto:x@example.no",
            "http://127.0.0.1:8000/no/secret",
            "http://127.0.0.1:8000/a#x",
            "http://127.0.0.1:8000/a",
            "http://127.0.0.1:8000/b",
            "http://127.0.0.1:8000/c",
        ]);
        let rest: Vec<String> = std::iter::from_fn(|| f.next_page())
            .map(|u| u.to_string())
            .collect();
        assert_eq!(rest, ["http://127.0.0.1:8000/a", "http://127.0.0.1:8000/b"]);
        assert_eq!(f.disallowed, ["http://127.0.0.1:8000/no/secret"]);
    }
}
