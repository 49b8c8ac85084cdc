//! What pitfix knows about names outside the module: the standard library's and popular
//! packages' functions, classes and their traps, keyed by qualified name. The tables the
//! transforms keep today move here, so that they are looked up through the semantic model's
//! qualified names.
