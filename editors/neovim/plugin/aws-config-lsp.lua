-- Loaded at startup when editors/neovim is on 'runtimepath'.
if vim.g.loaded_aws_config_lsp then
  return
end
vim.g.loaded_aws_config_lsp = true

if vim.fn.has('nvim-0.8') ~= 1 then
  vim.notify('aws-config-lsp needs Neovim 0.8 or later', vim.log.levels.WARN)
  return
end

require('aws-config-lsp.filetype').setup()

local function complete(arg_lead)
  return vim.tbl_filter(function(name)
    return name:sub(1, #arg_lead) == arg_lead
  end, require('aws-config-lsp').profile_names())
end

vim.api.nvim_create_user_command('AwsEffectiveProfile', function(args)
  require('aws-config-lsp').effective_profile(args.args)
end, {
  nargs = '?',
  complete = complete,
  desc = 'aws-config-lsp: show the effective profile (merged across config and credentials)',
})

vim.api.nvim_create_user_command('AwsValidateProfile', function(args)
  require('aws-config-lsp').validate_profile(args.args)
end, {
  nargs = '?',
  complete = complete,
  desc = 'aws-config-lsp: validate a profile with AWS STS GetCallerIdentity',
})

-- Works with no configuration: start the server on AWS files unless the user opts out
-- (`vim.g.aws_config_lsp_autostart = false`, then call require('aws-config-lsp').setup()).
-- A setup() the user already called (from init.lua) stands.
if vim.g.aws_config_lsp_autostart ~= false and not require('aws-config-lsp').configured then
  require('aws-config-lsp').setup()
end
