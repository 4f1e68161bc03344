---@brief
---
--- aws-config-lsp: a language server for the AWS shared config and credentials files
--- (`~/.aws/config`, `~/.aws/credentials`, and the files named by `AWS_CONFIG_FILE` and
--- `AWS_SHARED_CREDENTIALS_FILE`). It reports, on the exact span, where the files differ from
--- what the AWS SDKs and the AWS CLI will read; hover, go to definition, rename, code actions
--- and formatting.
---
--- Build or install the `aws-config-lsp` binary and put it on `PATH`. The filetypes
--- `aws-config` and `aws-credentials` are set by the aws-config-lsp Neovim plugin
--- (editors/neovim in the repository); without it, add them with `vim.filetype.add()`.
---
--- Settings (sent as `initializationOptions` and answered for `workspace/configuration`):
--- ```lua
--- vim.lsp.config('aws_config_lsp', {
---   settings = {
---     awsConfigLsp = {
---       configFile = nil,        -- path, else AWS_CONFIG_FILE or ~/.aws/config
---       credentialsFile = nil,   -- path, else AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials
---       severity = { ['inline-comment'] = 'error' }, -- error|warning|information|hint|off
---       disable = { 'unknown-key' },
---     },
---   },
--- })
--- ```
---
--- This file has the shape of nvim-lspconfig's `lsp/*.lua` configs: with the plugin on
--- 'runtimepath', Neovim 0.11+ users enable it with `vim.lsp.enable('aws_config_lsp')`.

---@type vim.lsp.Config
return {
  cmd = { 'aws-config-lsp', 'serve' },
  filetypes = { 'aws-config', 'aws-credentials' },
  -- The folder that holds the file (usually ~/.aws). One server serves every AWS file of the
  -- session (see reuse_client), so config and credentials share one view of the profiles.
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name ~= '' then
      on_dir(vim.fs.dirname(name))
    end
  end,
  reuse_client = function(client, config)
    return client.name == config.name and not client:is_stopped()
  end,
  settings = {
    awsConfigLsp = vim.empty_dict(),
  },
  before_init = function(params, config)
    -- The server reads its settings from initializationOptions too: keep both in step.
    if params.initializationOptions == nil and config.settings then
      params.initializationOptions = config.settings.awsConfigLsp
    end
  end,
}
