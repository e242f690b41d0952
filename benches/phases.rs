//! In-process benchmarks of the build phases (criterion), on example-site
//! and, when `PV_BENCH_SITE` names a folder, on that site too (for example
//! one made by `scripts/gen-site.py`).
//!
//!     cargo bench --bench phases
//!     PV_BENCH_SITE=/tmp/big cargo bench --bench phases
//!
//! Whole-process figures (wall time, peak memory, the `cp -r` floor) come
//! from `scripts/bench.py`; these isolate one phase each:
//!
//! - `load`: read and parse the TOML, validate, lint;
//! - `templates`: parse the theme and the Fluent files (a new `Renderer`);
//! - `render/first`: render everything with a new renderer (a cold build);
//! - `render/again`: render again with the same renderer, as `serve` and
//!   `watch` do after an edit (archived versions come from its cache);
//! - `minify`: minify-html over the rendered pages;
//! - `compile`: load + templates + render, as `personvern check` does.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use personvern::{load_site, Renderer};

// The allocator of the `personvern` binary, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sites() -> Vec<(String, PathBuf)> {
    let mut v = vec![(
        "example-site".to_string(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"),
    )];
    if let Ok(p) = std::env::var("PV_BENCH_SITE") {
        v.push(("PV_BENCH_SITE".to_string(), PathBuf::from(p)));
    }
    v
}

fn phases(c: &mut Criterion) {
    // A fixed day, so release statuses (and so the work) do not change.
    std::env::set_var("PERSONVERN_TODAY", "2026-11-23");
    for (name, root) in sites() {
        let Ok((site, _)) = load_site(&root) else {
            panic!(
                "{} does not load; run `personvern check` on it",
                root.display()
            );
        };
        let mut g = c.benchmark_group(name);
        g.sample_size(20).measurement_time(Duration::from_secs(5));
        g.bench_function("load", |b| b.iter(|| black_box(load_site(&root).is_ok())));
        let new_renderer = || {
            Renderer::new(&root, &site.config, &site.languages)
                .unwrap_or_else(|_| panic!("templates of {} do not load", root.display()))
        };
        g.bench_function("templates", |b| b.iter(|| black_box(new_renderer())));
        g.bench_function("render/first", |b| {
            b.iter_batched(
                new_renderer,
                |r| black_box(r.render(&site).map(|o| o.len()).unwrap_or(0)),
                BatchSize::PerIteration,
            )
        });
        let warm = new_renderer();
        let output = warm.render(&site).unwrap_or_default();
        assert!(!output.is_empty(), "{} renders nothing", root.display());
        g.bench_function("render/again", |b| {
            b.iter(|| black_box(warm.render(&site).map(|o| o.len()).unwrap_or(0)))
        });
        g.bench_function("minify", |b| {
            b.iter_batched(
                || output.clone(),
                |mut o| {
                    black_box(personvern::output::minify::minify(
                        &mut o,
                        &Default::default(),
                    ))
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function("compile", |b| {
            b.iter(|| black_box(personvern::compile(&root).is_ok()))
        });
        g.finish();
    }
}

criterion_group!(benches, phases);
criterion_main!(benches);
