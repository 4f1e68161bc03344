-- aws-config-lsp for Neovim: starts the language server on the AWS shared config and
-- credentials files and adds :AwsEffectiveProfile and :AwsValidateProfile.
--
--   require('aws-config-lsp').setup({ cmd = { 'aws-config-lsp', 'serve' }, settings = { ... } })
--
-- Neovim 0.11+: vim.lsp.config() + vim.lsp.enable() on the `aws_config_lsp` config (the
-- lsp/aws_config_lsp.lua file of this plugin). Neovim 0.8 to 0.10: vim.lsp.start() from a
-- FileType autocommand with the same config.
local M = {}

M.name = 'aws_config_lsp'
M.filetypes = { 'aws-config', 'aws-credentials' }
M.commands = {
  effective_profile = 'aws-config-lsp.effectiveProfile',
  validate_profile = 'aws-config-lsp.validateProfile',
}

local has_011 = vim.fn.has('nvim-0.11') == 1

-- Options that belong to the plugin, not to the LSP client config.
local plugin_keys = { autostart = true }

local state = {
  config = nil, -- the merged client config (Neovim < 0.11 only)
  warned = false,
}

local function plugin_root()
  local source = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(source, ':p:h:h:h')
end

--- The default client config: this plugin's lsp/aws_config_lsp.lua.
---@return table
function M.default_config()
  return dofile(plugin_root() .. '/lsp/aws_config_lsp.lua')
end

local function split_options(opts)
  local client, plugin = {}, {}
  for key, value in pairs(opts or {}) do
    if plugin_keys[key] then
      plugin[key] = value
    else
      client[key] = value
    end
  end
  return client, plugin
end

local function warn_once(message)
  if not state.warned then
    state.warned = true
    vim.notify('aws-config-lsp: ' .. message, vim.log.levels.WARN)
  end
end

-- Neovim < 0.11: start (or reuse) the client for one buffer.
local function start_legacy(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return
  end
  local config = vim.deepcopy(state.config)
  if type(config.cmd) == 'table' and vim.fn.executable(config.cmd[1]) ~= 1 then
    warn_once(
      ('`%s` is not executable: install it or pass `cmd` to setup()'):format(config.cmd[1])
    )
    return
  end
  config.name = M.name
  config.root_dir = vim.fs.dirname(name)
  local reuse = config.reuse_client
  config.reuse_client = nil
  config.filetypes = nil
  vim.api.nvim_buf_call(bufnr, function()
    vim.lsp.start(config, { reuse_client = reuse, bufnr = bufnr })
  end)
end

--- Configures and enables the server. Every field but `autostart` is a client config field
--- (`cmd`, `settings`, `capabilities`, `on_attach`, `filetypes`, ...) merged over the
--- defaults. `autostart = false` only configures (call setup() again without it to enable).
--- Safe to call more than once: later calls merge over earlier ones.
---@param opts? table
function M.setup(opts)
  local client_opts, plugin_opts = split_options(opts)
  local autostart = plugin_opts.autostart ~= false
  M.configured = true
  require('aws-config-lsp.filetype').setup()

  if has_011 then
    if next(client_opts) ~= nil then
      vim.lsp.config(M.name, client_opts)
    end
    if autostart then
      vim.lsp.enable(M.name)
      -- vim.lsp.enable only logs a missing binary: say it once where the user looks.
      vim.api.nvim_create_autocmd('FileType', {
        group = vim.api.nvim_create_augroup('aws-config-lsp.check', { clear = true }),
        pattern = M.filetypes,
        callback = function()
          local cmd = (vim.lsp.config[M.name] or {}).cmd
          if type(cmd) == 'table' and vim.fn.executable(cmd[1]) ~= 1 then
            warn_once(
              ('`%s` is not executable: install it or pass `cmd` to setup()'):format(cmd[1])
            )
          end
        end,
      })
    end
    return
  end

  state.config = vim.tbl_deep_extend('force', state.config or M.default_config(), client_opts)
  if not autostart then
    return
  end
  local group = vim.api.nvim_create_augroup('aws-config-lsp.start', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = state.config.filetypes or M.filetypes,
    callback = function(args)
      start_legacy(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if
      vim.api.nvim_buf_is_loaded(bufnr)
      and vim.tbl_contains(state.config.filetypes or M.filetypes, vim.bo[bufnr].filetype)
    then
      start_legacy(bufnr)
    end
  end
end

local function get_clients(filter)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  return vim.lsp.get_active_clients(filter)
end

--- The running client: the one attached to `bufnr` if any, else any running one.
---@param bufnr? integer
---@return table? client
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local attached = get_clients({ name = M.name, bufnr = bufnr })
  if attached[1] then
    return attached[1]
  end
  return get_clients({ name = M.name })[1]
end

local function request(client, method, params, handler, bufnr)
  if has_011 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- Runs one of the server's commands through workspace/executeCommand.
---@param command string
---@param arguments table
---@param callback fun(err: table?, result: any)
---@param bufnr? integer
function M.execute_command(command, arguments, callback, bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = M.client(bufnr)
  if client == nil then
    callback({
      message = 'aws-config-lsp is not running: open an AWS config or credentials file first',
    }, nil)
    return
  end
  local attached = vim.lsp.buf_is_attached(bufnr, client.id)
  request(client, 'workspace/executeCommand', {
    command = command,
    arguments = arguments,
  }, function(err, result)
    callback(err, result)
  end, attached and bufnr or nil)
end

--- The profile whose section holds the cursor (`[profile x]` or `[x]`), else $AWS_PROFILE,
--- else `default`.
---@param bufnr? integer
---@return string
function M.profile_at_cursor(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.tbl_contains(M.filetypes, vim.bo[bufnr].filetype) then
    local row = bufnr == vim.api.nvim_get_current_buf() and vim.api.nvim_win_get_cursor(0)[1]
      or 1
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, row, false)
    for i = #lines, 1, -1 do
      local header = lines[i]:match('^%s*%[%s*(.-)%s*%]')
      if header then
        local kind, rest = header:match('^(%S+)%s+(.+)$')
        if kind == 'profile' then
          return vim.trim(rest)
        elseif kind == nil then
          return header
        end
        break -- sso-session, services, ...: not a profile
      end
    end
  end
  local env = vim.env.AWS_PROFILE
  if env ~= nil and env ~= '' then
    return env
  end
  return 'default'
end

local function add_names(names, lines)
  for _, line in ipairs(lines) do
    local header = line:match('^%s*%[%s*(.-)%s*%]')
    if header then
      local kind, rest = header:match('^(%S+)%s+(.+)$')
      if kind == 'profile' then
        names[vim.trim(rest)] = true
      elseif kind == nil and header ~= '' then
        names[header] = true
      end
    end
  end
end

--- Profile names from the open AWS buffers and the default files, for command completion.
---@return string[]
function M.profile_names()
  local names = {}
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if
      vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.filetypes, vim.bo[bufnr].filetype)
    then
      add_names(names, vim.api.nvim_buf_get_lines(bufnr, 0, -1, false))
    end
  end
  local home = vim.env.HOME or ''
  for _, path in ipairs({
    vim.env.AWS_CONFIG_FILE or (home .. '/.aws/config'),
    vim.env.AWS_SHARED_CREDENTIALS_FILE or (home .. '/.aws/credentials'),
  }) do
    if vim.fn.filereadable(path) == 1 then
      add_names(names, vim.fn.readfile(path))
    end
  end
  local list = vim.tbl_keys(names)
  table.sort(list)
  return list
end

local function to_markdown(result)
  if type(result) == 'string' then
    return result
  end
  if type(result) == 'table' then
    if type(result.markdown) == 'string' then
      return result.markdown
    end
    if type(result.message) == 'string' then
      return result.message
    end
  end
  return '```lua\n' .. vim.inspect(result) .. '\n```'
end

--- Shows markdown in a floating window (closed when the cursor moves, like hover).
---@param text string
---@return integer bufnr, integer winid
function M.show(text)
  local lines = vim.split(text, '\n', { plain = true })
  return vim.lsp.util.open_floating_preview(lines, 'markdown', {
    border = 'rounded',
    focus_id = 'aws-config-lsp',
  })
end

local function run_profile_command(command, profile, on_result)
  M.execute_command(command, { profile }, function(err, result)
    if err then
      vim.notify(
        ('aws-config-lsp: %s: %s'):format(profile, err.message or vim.inspect(err)),
        vim.log.levels.ERROR
      )
    else
      M.show(to_markdown(result))
    end
    if on_result then
      on_result(err, result)
    end
  end)
end

--- :AwsEffectiveProfile [name]: the merged profile as the SDKs see it (secrets masked).
---@param profile? string defaults to the profile under the cursor
---@param on_result? fun(err: table?, result: any)
function M.effective_profile(profile, on_result)
  if profile == nil or profile == '' then
    profile = M.profile_at_cursor()
  end
  run_profile_command(M.commands.effective_profile, profile, on_result)
end

--- :AwsValidateProfile [name]: resolves the profile's credentials and calls STS
--- GetCallerIdentity with them (only ever on this request).
---@param profile? string defaults to the profile under the cursor
---@param on_result? fun(err: table?, result: any)
function M.validate_profile(profile, on_result)
  if profile == nil or profile == '' then
    profile = M.profile_at_cursor()
  end
  vim.notify(('aws-config-lsp: validating profile %s with STS...'):format(profile))
  run_profile_command(M.commands.validate_profile, profile, on_result)
end

return M
