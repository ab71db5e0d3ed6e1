//! Generation time: xcover-codegen against progenitor on Oxide's nexus spec, and against the
//! bare cost of parsing the document on the newest XCover spec and the OpenAI spec.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use xcover_bench::{parse_only, progenitor_generate, public_spec, xcover_generate, xcover_spec};

fn generation(c: &mut Criterion) {
    let nexus = public_spec("oxide__nexus.json");
    let xcover = xcover_spec();
    let openai = public_spec("openai__openapi.yaml");

    let mut group = c.benchmark_group("nexus");
    group.sample_size(20);
    group.bench_function("xcover-codegen", |b| {
        b.iter(|| xcover_generate(black_box(&nexus)))
    });
    group.bench_function("progenitor", |b| {
        b.iter(|| progenitor_generate(black_box(&nexus)))
    });
    group.bench_function("parse", |b| b.iter(|| parse_only(black_box(&nexus))));
    group.finish();

    let mut group = c.benchmark_group("xcover-2-152-1");
    group.sample_size(30);
    group.bench_function("xcover-codegen", |b| {
        b.iter(|| xcover_generate(black_box(&xcover)))
    });
    group.bench_function("parse", |b| b.iter(|| parse_only(black_box(&xcover))));
    group.finish();

    let mut group = c.benchmark_group("openai");
    group.sample_size(10);
    group.bench_function("xcover-codegen", |b| {
        b.iter(|| xcover_generate(black_box(&openai)))
    });
    group.bench_function("parse", |b| b.iter(|| parse_only(black_box(&openai))));
    group.finish();
}

criterion_group!(benches, generation);
criterion_main!(benches);
