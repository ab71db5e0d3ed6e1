//! `progenitor-generate SPEC OUT`: progenitor's client for a JSON spec, formatted with
//! prettyplease, written to OUT (for peak-memory and compile-time measurements).

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(spec), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: progenitor-generate SPEC OUT");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&spec).expect("the spec is readable");
    let source = xcover_bench::progenitor_generate(&text);
    std::fs::write(&out, source).expect("the output is writable");
}
