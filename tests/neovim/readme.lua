-- The Neovim set-ups README.md gives users, each run as the user's init.lua (by
-- tests/neovim/run.sh, with the server on PATH as `aws-config-lsp`): ~/.aws/config must open as
-- `aws-config`, with the server attached and its diagnostics shown. E2E_SETUP names the set-up;
-- E2E_PLUGIN_COMMANDS=1 when the plugin's commands must exist too.
local name = vim.env.E2E_SETUP
local function result(ok, what)
  io.stdout:write(('%s readme %s: %s\n'):format(ok and 'PASS' or 'FAIL', name, what))
  return ok
end

vim.cmd.edit(vim.env.HOME .. '/.aws/config')
local all = result(vim.bo.filetype == 'aws-config', 'filetype aws-config (got ' .. vim.bo.filetype .. ')')
-- A deadline, not a sleep: the first diagnostics arrive once the server has analysed the pair.
local published = vim.wait(30000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
all = result(#vim.lsp.get_clients({ bufnr = 0, name = 'aws_config_lsp' }) == 1, 'the server is attached') and all
all = result(published, ('diagnostics published (%d)'):format(#vim.diagnostic.get(0))) and all
if vim.env.E2E_PLUGIN_COMMANDS == '1' then
  all = result(vim.fn.exists(':AwsEffectiveProfile') == 2, ':AwsEffectiveProfile exists') and all
end
vim.cmd(all and 'qall!' or 'cquit!')
