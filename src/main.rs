fn main() {
    std::process::exit(pitfix::main());
}
