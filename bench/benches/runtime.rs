//! Run time of the SDK: deserializing a real quote-package response (the 2019 staging
//! recording of `createQuote`) against a bare `serde_json::Value` parse of the same bytes, and
//! signing one request.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use xcover_generated::signing::Signer;
use xcover_generated::types::QuotePackage;

fn quote_package_body() -> String {
    let path =
        xcover_bench::repo_root().join("tests/fixtures/recordings-2019/create_quote_success.json");
    let text = std::fs::read_to_string(&path).expect("the recording is readable");
    let recording: serde_json::Value = serde_json::from_str(&text).expect("the recording parses");
    recording[0]["response"]["body"]
        .as_str()
        .expect("the response body is a string")
        .to_string()
}

fn runtime(c: &mut Criterion) {
    let body = quote_package_body();
    serde_json::from_str::<QuotePackage>(&body).expect("the recorded body is a QuotePackage");

    let mut group = c.benchmark_group("quote-package");
    group.bench_function("QuotePackage", |b| {
        b.iter(|| serde_json::from_str::<QuotePackage>(black_box(&body)).unwrap())
    });
    group.bench_function("serde_json-Value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&body)).unwrap())
    });
    group.finish();

    let signer = Signer::new("api-key", "api-secret");
    let mut group = c.benchmark_group("signing");
    group.bench_function("authorization", |b| {
        b.iter(|| {
            signer
                .authorization(
                    black_box(&http::Method::POST),
                    black_box("/partners/LLODT/quotes/"),
                    black_box("Tue, 24 Dec 2019 05:58:28 GMT"),
                )
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, runtime);
criterion_main!(benches);
