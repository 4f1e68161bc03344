" The AWS files are INI files: reuse Neovim's confini (else dosini) highlighting.
if exists('b:current_syntax')
  finish
endif
runtime! syntax/confini.vim
if !exists('b:current_syntax')
  runtime! syntax/dosini.vim
endif
let b:current_syntax = 'aws-credentials'
