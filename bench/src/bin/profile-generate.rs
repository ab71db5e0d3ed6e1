//! `profile-generate SPEC [parse]`: one generation (or one bare parse) of SPEC, for
//! `valgrind --tool=callgrind`, which counts instructions and so is stable on a busy machine:
//!
//! ```text
//! valgrind --tool=callgrind --callgrind-out-file=cg.out target/release/profile-generate SPEC
//! callgrind_annotate --inclusive=yes cg.out | head -60
//! ```

fn main() {
    let mut args = std::env::args().skip(1);
    let spec = args.next().expect("usage: profile-generate SPEC [parse]");
    let text = std::fs::read_to_string(&spec).expect("the spec is readable");
    if args.next().as_deref() == Some("parse") {
        std::hint::black_box(xcover_bench::parse_only(&text));
    } else {
        std::hint::black_box(xcover_bench::xcover_generate(&text));
    }
}
