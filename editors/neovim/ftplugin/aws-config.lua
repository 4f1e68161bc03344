-- AWS shared config/credentials files: `#` and `;` start comments (on their own line only).
vim.bo.commentstring = '# %s'
vim.bo.comments = ':#,:;'
vim.b.undo_ftplugin = (vim.b.undo_ftplugin and (vim.b.undo_ftplugin .. ' | ') or '')
  .. 'setlocal commentstring< comments<'
