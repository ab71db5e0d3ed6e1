fn main() {
    let args: Vec<String> = std::env::args().collect();
    let old = xcover_diff::load_str(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let new = xcover_diff::load_str(&std::fs::read_to_string(&args[2]).unwrap()).unwrap();
    let format = args.get(3).map(|f| f.parse().unwrap()).unwrap_or_default();
    print!("{}", xcover_diff::run(&old, &new, format, false).output);
}
