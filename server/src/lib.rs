//! The code of the `aws-config-lsp` binary: the command line (`cli`) and the language server
//! (`lsp`). A library as well, so that the fuzz targets can drive the server's message loop in
//! process (`lsp::session`).

pub mod cli;
pub mod lsp;
