-- End-to-end test of editors/neovim in a real headless Neovim, driven by tests/neovim/run.sh:
--
--   nvim --headless --clean -u tests/neovim/e2e.lua
--
-- Environment (set by run.sh):
--   E2E_REPO      the repository (the plugin is loaded from E2E_REPO/editors/neovim)
--   E2E_SERVER    the aws-config-lsp binary
--   E2E_AWS_DIR   a temporary `.aws` folder holding copies of tests/neovim/fixtures
--   E2E_EXPECTED  `aws-config-lsp check --format json` on those copies
--   E2E_MODE      setup (default), zero-config or legacy: see below
--
-- Everything goes through the plugin, vim.lsp and vim.diagnostic, as a user's Neovim does.
-- Every wait is on a condition with a deadline. One line per check (PASS/FAIL name), then
-- `neovim-e2e: N passed, M failed`; the exit code is non-zero on any failure.

local env = vim.env
local repo = assert(env.E2E_REPO, 'E2E_REPO is not set')
local server = assert(env.E2E_SERVER, 'E2E_SERVER is not set')
local aws_dir = assert(env.E2E_AWS_DIR, 'E2E_AWS_DIR is not set')
local config_path = aws_dir .. '/config'
local credentials_path = aws_dir .. '/credentials'

-- The documented example secret key in the fixtures: it is never printed, even on failure.
local SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
local NAME = 'aws_config_lsp'
local TIMEOUT = 10000 -- ms, for any one condition

-- E2E_MODE says how the plugin is configured:
--   setup        require('aws-config-lsp').setup({ cmd = ..., settings = ... }); every check
--   zero-config  nothing but the plugin on 'runtimepath' and the server on PATH (the plugin
--                starts itself); settings through vim.lsp.config(), as nvim-lspconfig users
--                write them; the checks marked `core`
--   legacy       setup(), but the plugin takes its Neovim 0.8-0.10 path (vim.lsp.start from
--                a FileType autocommand); the checks marked `core` (the user commands call
--                client.request the 0.10 way, which 0.11 no longer accepts)
local MODE = env.E2E_MODE or 'setup'
assert(
  MODE == 'setup' or MODE == 'zero-config' or MODE == 'legacy',
  'E2E_MODE must be setup, zero-config or legacy'
)
local LEGACY = MODE == 'legacy'
if LEGACY then
  local has = vim.fn.has
  ---@diagnostic disable-next-line: duplicate-set-field
  vim.fn.has = function(feature)
    if feature == 'nvim-0.11' then
      return 0
    end
    return has(feature)
  end
end

vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.opt.hidden = true
local set_log_level = vim.lsp.log and vim.lsp.log.set_level or vim.lsp.set_log_level
set_log_level('WARN')

-- What the plugin would otherwise show to a person: recorded, never blocking.
local notifications = {}
vim.notify = function(msg, level)
  table.insert(notifications, { msg = tostring(msg), level = level })
end
local selections = {}
---@diagnostic disable-next-line: duplicate-set-field
vim.ui.select = function(items, _, on_choice)
  table.insert(selections, items)
  on_choice(nil)
end

local server_exit = nil -- set when the server process exits

-- The setting proves that settings reach the server (missing-profile-prefix is an error by
-- default); on_exit lets every wait stop early if the server dies.
local user_config = {
  settings = {
    awsConfigLsp = {
      severity = { ['missing-profile-prefix'] = 'warning' },
    },
  },
  on_exit = function(code, signal)
    server_exit = ('code %s, signal %s'):format(tostring(code), tostring(signal))
  end,
}
if MODE == 'zero-config' then
  -- The plugin starts the server itself (plugin/aws-config-lsp.lua), found on PATH.
  vim.env.PATH = vim.fn.fnamemodify(server, ':h') .. ':' .. vim.env.PATH
  vim.lsp.config(NAME, user_config)
else
  -- As a user writes it in init.lua.
  user_config.cmd = { server, 'serve' }
  require('aws-config-lsp').setup(user_config)
end

---------------------------------------------------------------------------------------------
-- Harness

local passed, failed = 0, 0

local function redact(text)
  text = tostring(text)
  local out = text:gsub(vim.pesc(SECRET), '<secret>')
  return out
end

local function out(line)
  io.stdout:write(redact(line) .. '\n')
  io.stdout:flush()
end

local function fail(message)
  error(message, 0)
end

local function expect(cond, message)
  if not cond then
    fail(message)
  end
end

--- Waits until cond() is true; on timeout the failure says what was awaited and, if given,
--- detail() (what there was instead).
local function wait_for(what, cond, timeout, detail)
  local last_err
  local ok = vim.wait(timeout or TIMEOUT, function()
    if server_exit then
      return true
    end
    local good, value = pcall(cond)
    if not good then
      last_err = value
      return false
    end
    return value
  end, 20)
  if server_exit then
    fail(('the server exited (%s) while waiting for %s'):format(server_exit, what))
  end
  if not ok or not select(2, pcall(cond)) then
    local extra = last_err and (' (' .. tostring(last_err) .. ')') or ''
    if detail then
      local good, text = pcall(detail)
      extra = extra .. ': ' .. tostring(good and text or ('detail failed: ' .. tostring(text)))
    end
    fail(('timed out after %d ms waiting for %s%s'):format(timeout or TIMEOUT, what, extra))
  end
end

local function check(name, fn, opts)
  if MODE ~= 'setup' and not (opts and opts.core) then
    return
  end
  if MODE ~= 'setup' then
    name = MODE .. ': ' .. name
  end
  local ok, err = xpcall(fn, function(e)
    if type(e) == 'string' and not e:find('\n') and not e:find('^[^:]+%.lua:%d+:') then
      return e
    end
    return debug.traceback(tostring(e), 2)
  end)
  if ok then
    passed = passed + 1
    out('PASS ' .. name .. (type(err) == 'string' and (' (' .. err .. ')') or ''))
  else
    failed = failed + 1
    out('FAIL ' .. name .. ': ' .. tostring(err))
  end
end

local function json_of(value)
  return redact(vim.inspect(value, { newline = ' ', indent = '' }))
end

---------------------------------------------------------------------------------------------
-- Helpers over buffers, the client and requests

local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function buffer_for(path)
  local bufnr = vim.fn.bufnr(path)
  if bufnr == -1 or not vim.api.nvim_buf_is_loaded(bufnr) then
    return open(path)
  end
  return bufnr
end

local function focus(bufnr, row0, col0)
  vim.api.nvim_set_current_buf(bufnr)
  vim.api.nvim_win_set_cursor(0, { row0 + 1, col0 })
end

local function lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

--- 0-based row of the first line equal to `text` (plain).
local function row_of(bufnr, text)
  for i, line in ipairs(lines(bufnr)) do
    if line == text then
      return i - 1
    end
  end
  fail(('no line %q in %s'):format(text, vim.api.nvim_buf_get_name(bufnr)))
end

local function client_for(bufnr)
  local client
  wait_for('the aws_config_lsp client to attach to ' .. vim.api.nvim_buf_get_name(bufnr), function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = NAME })[1]
    return client ~= nil and client.initialized == true
  end)
  return client
end

local function require_method(client, method)
  expect(
    client:supports_method(method),
    ('the server does not offer %s (capabilities: %s)'):format(
      method,
      json_of(vim.tbl_keys(client.server_capabilities or {}))
    )
  )
end

--- One request, synchronously, with a deadline; returns the result (errors fail the check).
local function request(client, bufnr, method, params)
  require_method(client, method)
  local response
  client:request(method, params, function(err, result)
    response = { err = err, result = result }
  end, bufnr)
  wait_for('the answer to ' .. method, function()
    return response ~= nil
  end)
  if response.err then
    fail(('%s answered an error: %s'):format(method, json_of(response.err)))
  end
  return response.result
end

local function position(bufnr, row0, col0)
  return {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = row0, character = col0 },
  }
end

local function floats()
  local found = {}
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      local text = table.concat(lines(vim.api.nvim_win_get_buf(win)), '\n')
      table.insert(found, { win = win, text = text })
    end
  end
  return found
end

local function close_floats()
  for _, f in ipairs(floats()) do
    pcall(vim.api.nvim_win_close, f.win, true)
  end
end

local function codes_of(bufnr)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    codes[#codes + 1] = tostring(d.code)
  end
  table.sort(codes)
  return codes
end

local function diagnostic_with(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      return d
    end
  end
end

local function read_expected()
  local file = assert(io.open(env.E2E_EXPECTED, 'r'))
  local text = file:read('*a')
  file:close()
  return vim.json.decode(text).diagnostics
end

local function uri_path(uri)
  return vim.uv.fs_realpath(vim.uri_to_fname(uri)) or vim.uri_to_fname(uri)
end

local real_config = vim.uv.fs_realpath(config_path)
local real_credentials = vim.uv.fs_realpath(credentials_path)

---------------------------------------------------------------------------------------------
-- The checks

local EXPECTED_CONFIG_CODES = {
  ['inline-comment'] = 'region = us-east-1 # N. Virginia',
  ['missing-profile-prefix'] = '[staging]',
  ['quoted-value'] = 'region = "eu-west-2"',
  ['trailing-whitespace'] = 'region=eu-west-1   ',
  ['unknown-source-profile'] = 'source_profile = nowhere',
}

local function run()
  local original_config = vim.fn.readfile(config_path)
  local original_credentials = vim.fn.readfile(credentials_path)

  local config_buf = open(config_path)
  local credentials_buf -- opened by the definition check, else later

  check('filetype: .aws/config is aws-config (Neovim alone says confini)', function()
    expect(
      vim.bo[config_buf].filetype == 'aws-config',
      'filetype is ' .. vim.bo[config_buf].filetype
    )
    local ft = vim.filetype.match({ filename = credentials_path })
    expect(ft == 'aws-credentials', 'credentials detected as ' .. tostring(ft))
  end, { core = true })

  check('filetype: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE paths', function()
    local saved_config, saved_credentials = env.AWS_CONFIG_FILE, env.AWS_SHARED_CREDENTIALS_FILE
    local other = vim.fn.fnamemodify(aws_dir, ':h') .. '/elsewhere/my-aws-settings'
    local before = vim.filetype.match({ filename = other })
    vim.env.AWS_CONFIG_FILE = other
    local as_config = vim.filetype.match({ filename = other })
    vim.env.AWS_CONFIG_FILE = saved_config
    vim.env.AWS_SHARED_CREDENTIALS_FILE = other
    local as_credentials = vim.filetype.match({ filename = other })
    vim.env.AWS_SHARED_CREDENTIALS_FILE = saved_credentials
    expect(before ~= 'aws-config', 'matched without the variable')
    expect(as_config == 'aws-config', 'AWS_CONFIG_FILE path: ' .. tostring(as_config))
    expect(
      as_credentials == 'aws-credentials',
      'AWS_SHARED_CREDENTIALS_FILE path: ' .. tostring(as_credentials)
    )
  end)

  local client
  check('lsp: the plugin starts the server and it initializes', function()
    client = client_for(config_buf)
    -- Which path started it: vim.lsp.enable on 0.11+, the FileType autocommand before.
    expect(
      vim.lsp.is_enabled(NAME) == not LEGACY,
      ('vim.lsp.is_enabled(%q) is %s'):format(NAME, tostring(vim.lsp.is_enabled(NAME)))
    )
    if MODE == 'zero-config' then
      expect(
        client.config.cmd[1] == 'aws-config-lsp',
        'not the default command: ' .. json_of(client.config.cmd)
      )
    end
    return 'position encoding ' .. tostring(client.offset_encoding)
  end, { core = true })
  local function need_client()
    expect(client ~= nil, 'no client')
    return client
  end

  check('diagnostics: config has the expected codes on the expected lines', function()
    local function missing()
      local list = {}
      for code, line in pairs(EXPECTED_CONFIG_CODES) do
        local d = diagnostic_with(config_buf, code)
        if d == nil or d.lnum ~= row_of(config_buf, line) then
          list[#list + 1] = ('%s on line %d'):format(code, row_of(config_buf, line) + 1)
        end
      end
      table.sort(list)
      return list
    end
    wait_for('the expected diagnostics on the config file', function()
      return #missing() == 0
    end, nil, function()
      return ('missing %s; got %s'):format(
        table.concat(missing(), ', '),
        json_of(codes_of(config_buf))
      )
    end)
    for _, d in ipairs(vim.diagnostic.get(config_buf)) do
      expect(d.source == 'aws-config-lsp', ('%s has source %s'):format(d.code, tostring(d.source)))
    end
  end, { core = true })

  check('diagnostics: same codes, ranges and messages as `check --format json`', function()
    local want = {}
    for _, d in ipairs(read_expected()) do
      if (vim.uv.fs_realpath(d.file) or d.file) == real_config then
        local r = d.range
        want[#want + 1] = ('%d:%d-%d:%d %s %s'):format(
          r.start.line,
          r.start.character,
          r['end'].line,
          r['end'].character,
          d.code,
          d.message
        )
      end
    end
    table.sort(want)
    expect(#want > 0, 'check --format json found nothing in the config file')
    local function got()
      local list = {}
      for _, d in ipairs(vim.diagnostic.get(config_buf)) do
        list[#list + 1] = ('%d:%d-%d:%d %s %s'):format(
          d.lnum,
          d.col,
          d.end_lnum,
          d.end_col,
          d.code,
          d.message
        )
      end
      table.sort(list)
      return list
    end
    wait_for('the server\'s diagnostics to equal check\'s', function()
      return vim.deep_equal(want, got())
    end, nil, function()
      local only_server, only_check = {}, {}
      for _, line in ipairs(got()) do
        if not vim.tbl_contains(want, line) then
          only_server[#only_server + 1] = line
        end
      end
      for _, line in ipairs(want) do
        if not vim.tbl_contains(got(), line) then
          only_check[#only_check + 1] = line
        end
      end
      return ('only from the server: %s; only from check: %s'):format(
        json_of(only_server),
        json_of(only_check)
      )
    end)
  end, { core = true })

  check('settings: a severity from settings reaches the server', function()
    wait_for('a missing-profile-prefix diagnostic', function()
      return diagnostic_with(config_buf, 'missing-profile-prefix') ~= nil
    end)
    local d = diagnostic_with(config_buf, 'missing-profile-prefix')
    expect(
      d.severity == vim.diagnostic.severity.WARN,
      'severity is ' .. tostring(vim.diagnostic.severity[d.severity])
    )
  end, { core = true })

  check('hover: on a key, markdown starting with the key name', function()
    local c = need_client()
    local row = row_of(config_buf, 'region = us-east-1 # N. Virginia')
    local result = request(c, config_buf, 'textDocument/hover', position(config_buf, row, 2))
    expect(result ~= nil and result.contents ~= nil, 'no hover: ' .. json_of(result))
    local contents = result.contents
    expect(type(contents) == 'table' and contents.kind == 'markdown', 'not MarkupContent markdown: ' .. json_of(contents))
    expect(
      contents.value:match('^%s*%**`region`') ~= nil,
      'hover does not start with `region`: ' .. json_of(contents.value:sub(1, 120))
    )
  end, { core = true })

  check('hover: K opens a float with the description', function()
    local c = need_client()
    require_method(c, 'textDocument/hover')
    close_floats()
    focus(config_buf, row_of(config_buf, 'region = us-east-1 # N. Virginia'), 2)
    vim.lsp.buf.hover()
    wait_for('a hover float mentioning `region`', function()
      for _, f in ipairs(floats()) do
        if f.text:find('`region`', 1, true) then
          return true
        end
      end
    end)
    close_floats()
  end)

  check('definition: gd on source_profile jumps to [base] in credentials', function()
    local c = need_client()
    require_method(c, 'textDocument/definition')
    local row = row_of(config_buf, 'source_profile = base')
    focus(config_buf, row, #'source_profile = b')
    vim.fn.setqflist({}, 'r')
    vim.lsp.buf.definition()
    local how
    wait_for('the cursor on [base] in the credentials file', function()
      local name = vim.uv.fs_realpath(vim.api.nvim_buf_get_name(0))
      if name == real_credentials and vim.api.nvim_get_current_line() == '[base]' then
        how = 'jumped'
        return true
      end
      -- Several locations go to the quickfix list: [base] must be one of them.
      for _, item in ipairs(vim.fn.getqflist()) do
        local qname = vim.uv.fs_realpath(vim.api.nvim_buf_get_name(item.bufnr))
        if qname == real_credentials and item.text == '[base]' then
          how = ('one of %d locations'):format(#vim.fn.getqflist())
          return true
        end
      end
    end)
    vim.cmd('silent! cclose')
    return how
  end)

  credentials_buf = buffer_for(credentials_path)

  check('diagnostics: credentials file (opened after config, same server)', function()
    expect(
      vim.bo[credentials_buf].filetype == 'aws-credentials',
      'filetype is ' .. vim.bo[credentials_buf].filetype
    )
    local c = client_for(credentials_buf)
    expect(client == nil or c.id == client.id, 'a second client was started')
    wait_for('missing-session-token on [temp]', function()
      return diagnostic_with(credentials_buf, 'missing-session-token') ~= nil
    end)
    local d = diagnostic_with(credentials_buf, 'missing-session-token')
    expect(
      d.lnum == row_of(credentials_buf, 'aws_access_key_id = ASIAIOSFODNN7EXAMPLE'),
      'on line ' .. d.lnum
    )
  end, { core = true })

  check('hover: on a section header, the effective profile with secrets masked', function()
    local c = need_client()
    local row = row_of(credentials_buf, '[base]')
    local result = request(c, credentials_buf, 'textDocument/hover', position(credentials_buf, row, 2))
    expect(result ~= nil and result.contents ~= nil, 'no hover: ' .. json_of(result))
    local value = type(result.contents) == 'table' and (result.contents.value or '') or tostring(result.contents)
    expect(not value:find(SECRET, 1, true), 'the secret key is shown in full')
    expect(value:find('base', 1, true), 'does not name the profile: ' .. json_of(value:sub(1, 200)))
    expect(value:find('EKEY', 1, true) and value:find('****', 1, true), 'no masked secret: ' .. json_of(value:sub(1, 300)))
  end)

  check('references: a profile name finds its source_profile uses', function()
    local c = need_client()
    local row = row_of(credentials_buf, '[base]')
    local result = request(c, credentials_buf, 'textDocument/references', {
      textDocument = { uri = vim.uri_from_bufnr(credentials_buf) },
      position = { line = row, character = 2 },
      context = { includeDeclaration = true },
    })
    local in_config = {}
    for _, loc in ipairs(result or {}) do
      if uri_path(loc.uri) == real_config then
        in_config[#in_config + 1] = loc.range.start.line
      end
    end
    table.sort(in_config)
    local want = {}
    for i, line in ipairs(original_config) do
      if line == 'source_profile = base' then
        want[#want + 1] = i - 1
      end
    end
    expect(vim.deep_equal(in_config, want), ('config lines %s, expected %s'):format(json_of(in_config), json_of(want)))
  end)

  check('rename: prepareRename gives the name under the cursor', function()
    local c = need_client()
    local row = row_of(config_buf, 'source_profile = base')
    local result = request(c, config_buf, 'textDocument/prepareRename', position(config_buf, row, #'source_profile = b'))
    expect(result ~= nil, 'nothing to rename')
    local range = result.range or result
    expect(
      range.start and range.start.line == row and range.start.character == #'source_profile = '
        and range['end'].character == #'source_profile = base',
      'range ' .. json_of(result)
    )
  end)

  check('rename: base -> shared-base in config and credentials', function()
    local c = need_client()
    require_method(c, 'textDocument/rename')
    local row = row_of(config_buf, 'source_profile = base')
    focus(config_buf, row, #'source_profile = b')
    vim.lsp.buf.rename('shared-base')
    local want_config = vim.tbl_map(function(line)
      return line == 'source_profile = base' and 'source_profile = shared-base' or line
    end, original_config)
    local want_credentials = vim.tbl_map(function(line)
      return line == '[base]' and '[shared-base]' or line
    end, original_credentials)
    local function differences()
      local list = {}
      for _, pair in ipairs({
        { 'config', config_buf, want_config },
        { 'credentials', credentials_buf, want_credentials },
      }) do
        local have = lines(pair[2])
        for i = 1, math.max(#have, #pair[3]) do
          if have[i] ~= pair[3][i] then
            list[#list + 1] = ('%s:%d is %q, expected %q'):format(pair[1], i, tostring(have[i]), tostring(pair[3][i]))
          end
        end
      end
      return list
    end
    wait_for('both files renamed', function()
      return #differences() == 0
    end, nil, function()
      return table.concat(differences(), '; ')
    end)
  end)

  check('diagnostics: follow unsaved edits (no unknown-source-profile after rename)', function()
    -- After the rename, `source_profile = shared-base` must resolve through the unsaved
    -- credentials buffer; only `nowhere` stays unknown.
    wait_for('one unknown-source-profile, on `nowhere`', function()
      local found = {}
      for _, d in ipairs(vim.diagnostic.get(config_buf)) do
        if d.code == 'unknown-source-profile' then
          found[#found + 1] = d.lnum
        end
      end
      return #found == 1 and found[1] == row_of(config_buf, 'source_profile = nowhere')
    end)
  end)

  local fix_title
  check('code action: quickfix for quoted-value, not preferred (it changes the value), with an edit', function()
    local c = need_client()
    wait_for('a quoted-value diagnostic', function()
      return diagnostic_with(config_buf, 'quoted-value') ~= nil
    end)
    local d = diagnostic_with(config_buf, 'quoted-value')
    local lsp_diagnostic = d.user_data and d.user_data.lsp
    expect(lsp_diagnostic ~= nil, 'the diagnostic has no LSP original')
    local result = request(c, config_buf, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(config_buf) },
      range = lsp_diagnostic.range,
      context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } },
    })
    local titles = {}
    for _, action in ipairs(result or {}) do
      titles[#titles + 1] = action.title
      if action.kind == 'quickfix' and action.title:lower():find('quote') then
        fix_title = action.title
        -- Removing quotes changes what every tool reads: offered, never preferred (editors may
        -- apply a preferred fix without asking).
        expect(action.isPreferred ~= true, 'a fix that changes the value is preferred')
        expect(action.edit ~= nil or action.command ~= nil or c:supports_method('codeAction/resolve'), 'no edit')
      end
    end
    expect(fix_title ~= nil, 'no quickfix about quotes among ' .. json_of(titles))
    return fix_title
  end)

  check('code action: applying the quick fix removes the quotes', function()
    local c = need_client()
    require_method(c, 'textDocument/codeAction')
    local row = row_of(config_buf, 'region = "eu-west-2"')
    focus(config_buf, row, #'region = "e')
    vim.lsp.buf.code_action({
      apply = true,
      filter = function(action)
        return action.kind == 'quickfix' and (fix_title == nil and action.title:lower():find('quote') or action.title == fix_title)
      end,
    })
    wait_for('the line to read `region = eu-west-2`', function()
      return lines(config_buf)[row + 1] == 'region = eu-west-2'
    end)
    wait_for('the quoted-value diagnostic to go away', function()
      return diagnostic_with(config_buf, 'quoted-value') == nil
    end)
  end)

  check('code action: source.fixAll is offered', function()
    local c = need_client()
    local result = request(c, config_buf, 'textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(config_buf) },
      range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
      context = { diagnostics = {}, only = { 'source.fixAll' } },
    })
    local kinds = {}
    for _, action in ipairs(result or {}) do
      kinds[#kinds + 1] = tostring(action.kind)
      if action.kind == 'source.fixAll' then
        expect(action.edit ~= nil or action.command ~= nil or c:supports_method('codeAction/resolve'), 'fixAll has no edit')
        return action.title
      end
    end
    fail('no source.fixAll action; kinds ' .. json_of(kinds))
  end)

  check('semantic tokens: header names, keys and values get the server\'s standard types', function()
    local c = need_client()
    require_method(c, 'textDocument/semanticTokens/full')
    local function token_at(row, col)
      for _, t in ipairs(vim.lsp.semantic_tokens.get_at_pos(config_buf, row, col) or {}) do
        if t.client_id == c.id then
          return t
        end
      end
    end
    local function describe(t)
      return t and (t.type .. ' ' .. json_of(vim.tbl_keys(t.modifiers or {}))) or 'none'
    end
    local cases = {
      { row_of(config_buf, '[profile deploy]'), #'[profile d', 'namespace', 'declaration' },
      { row_of(config_buf, '[profile deploy]'), 2, 'keyword' },
      { row_of(config_buf, 'output = json'), 1, 'property', 'defaultLibrary' },
      { row_of(config_buf, 'output = json'), #'output = j', 'enumMember' },
      { row_of(config_buf, '# For the document link checks.'), 3, 'comment' },
    }
    for _, case in ipairs(cases) do
      local row, col, type, modifier = unpack(case)
      wait_for(('a %s token at %d:%d'):format(type, row + 1, col), function()
        local t = token_at(row, col)
        return t ~= nil and t.type == type and (modifier == nil or t.modifiers[modifier] == true)
      end, nil, function()
        return describe(token_at(row, col))
      end)
    end
    -- Neovim links the standard types to its own highlight groups: a theme colours them.
    expect(vim.fn.hlexists('@lsp.type.namespace') == 1, 'no @lsp.type.namespace highlight group')
  end)

  check('inlay hints: the account of a key id, a Region name, the end of a role chain, the SSO login; no secret', function()
    local c = need_client()
    require_method(c, 'textDocument/inlayHint')
    local function labels(bufnr)
      local found = {}
      for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = bufnr })) do
        local label = h.inlay_hint.label
        if type(label) == 'table' then
          label = table.concat(vim.tbl_map(function(part)
            return part.value
          end, label))
        end
        found[#found + 1] = label
      end
      return found
    end
    vim.api.nvim_set_current_buf(credentials_buf)
    vim.lsp.inlay_hint.enable(true, { bufnr = credentials_buf })
    wait_for('the account hint on [base]', function()
      return vim.tbl_contains(labels(credentials_buf), 'account 581039954779')
    end, nil, function()
      return json_of(labels(credentials_buf))
    end)
    vim.api.nvim_set_current_buf(config_buf)
    vim.lsp.inlay_hint.enable(true, { bufnr = config_buf })
    wait_for('the Region name and the chain end in config', function()
      local found = labels(config_buf)
      local chain = vim.tbl_filter(function(l)
        return l:find('→ shared-base: long-term key', 1, true) ~= nil
      end, found)
      -- No SSO token cache in this home: the profile using sso-session corp is not logged in.
      return vim.tbl_contains(found, 'US East (N. Virginia)') and #chain > 0
        and vim.tbl_contains(found, 'not logged in')
    end, nil, function()
      return json_of(labels(config_buf))
    end)
    local all = json_of(vim.lsp.inlay_hint.get())
    expect(not all:find('<secret>', 1, true), 'a hint shows the secret key')
    vim.lsp.inlay_hint.enable(false)
  end)

  check('document links: the access portal and credential_process\'s program', function()
    local c = need_client()
    local result = request(c, config_buf, 'textDocument/documentLink', {
      textDocument = { uri = vim.uri_from_bufnr(config_buf) },
    })
    local found = {}
    for _, link in ipairs(result or {}) do
      local text = lines(config_buf)[link.range.start.line + 1]:sub(link.range.start.character + 1, link.range['end'].character)
      found[text] = link.target
    end
    expect(found['https://example.awsapps.com/start'] == 'https://example.awsapps.com/start', 'no portal link: ' .. json_of(result))
    expect(
      type(found['cat']) == 'string' and found['cat']:match('^file:///.*/cat$') ~= nil,
      'no link to the program: ' .. json_of(result)
    )
  end)

  check('workspace symbols: vim.lsp.buf.workspace_symbol finds profiles of both files', function()
    local c = need_client()
    require_method(c, 'workspace/symbol')
    local list
    vim.lsp.buf.workspace_symbol('temp', {
      on_list = function(t)
        list = t
      end,
    })
    wait_for('the symbol list', function()
      return list ~= nil
    end)
    local where = {}
    for _, item in ipairs(list.items or {}) do
      where[#where + 1] = ('%s:%d %s'):format(vim.fn.fnamemodify(item.filename, ':t'), item.lnum, item.text)
    end
    expect(
      #where == 1 and where[1]:find('^credentials:' .. (row_of(credentials_buf, '[temp]') + 1) .. ' ') ~= nil
        and where[1]:find('temp', 1, true) ~= nil,
      'items ' .. json_of(where)
    )
  end)

  check('diagnostics: pushed, not pulled (Neovim 0.11 cannot be asked to pull again)', function()
    local c = need_client()
    local refresh = vim.tbl_get(c.capabilities or {}, 'workspace', 'diagnostics', 'refreshSupport')
    local offered = c.server_capabilities.diagnosticProvider ~= nil
    expect(offered == (refresh == true), ('pull offered: %s; refreshSupport: %s'):format(tostring(offered), tostring(refresh)))
    return offered and 'pulled' or 'pushed'
  end)

  check('range formatting: only the selected line changes', function()
    local c = need_client()
    require_method(c, 'textDocument/rangeFormatting')
    local row = row_of(config_buf, 'region=eu-west-1   ')
    local header = row_of(config_buf, '[profile deploy]')
    expect(lines(config_buf)[header - 1] == '' and lines(config_buf)[header] == '', 'the fixture lost its two blank lines')
    vim.lsp.buf.format({
      bufnr = config_buf,
      name = NAME,
      timeout_ms = TIMEOUT,
      range = { start = { row + 1, 0 }, ['end'] = { row + 1, 5 } },
    })
    wait_for('the line formatted', function()
      return lines(config_buf)[row + 1] == 'region = eu-west-1'
    end, nil, function()
      return lines(config_buf)[row + 1]
    end)
    -- The blank lines before [profile deploy] are outside the range: still two.
    expect(row_of(config_buf, '[profile deploy]') == header, 'lines outside the range changed')
  end)

  check('formatting: key = value spacing, no trailing blanks, one blank line between sections', function()
    local c = need_client()
    require_method(c, 'textDocument/formatting')
    local before = lines(config_buf)
    vim.lsp.buf.format({ bufnr = config_buf, name = NAME, timeout_ms = TIMEOUT })
    local after = lines(config_buf)
    expect(not vim.deep_equal(before, after), 'formatting changed nothing')
    local problems = {}
    local previous_blank = false
    for i, line in ipairs(after) do
      if line:match('%s$') then
        problems[#problems + 1] = ('line %d has trailing whitespace'):format(i)
      end
      local blank = line == ''
      if blank and previous_blank then
        problems[#problems + 1] = ('line %d is a second blank line'):format(i)
      end
      previous_blank = blank
      if line:match('^[%w_]+%s*=') and not line:match('^[%w_]+ = %S') then
        problems[#problems + 1] = ('line %d is not `key = value`: %q'):format(i, line)
      end
      if i > 1 and line:match('^%[') then
        local above = after[i - 1]
        if above ~= '' and not above:match('^%s*[#;]') then
          problems[#problems + 1] = ('line %d: no blank line before the section'):format(i)
        end
      end
    end
    expect(vim.tbl_contains(after, 'region = eu-west-1'), '`region=eu-west-1   ` was not normalised')
    expect(#problems == 0, table.concat(problems, '; '))
    -- Nothing but layout changed: the same headers and keys, in the same order.
    local function shape(list)
      local s = {}
      for _, line in ipairs(list) do
        local key = line:match('^%s*([%w_]+)%s*=')
          or line:match('^%s*(%[.-%])')
          or line:match('^%s*([#;].*)$')
        if key then
          s[#s + 1] = key
        end
      end
      return s
    end
    expect(vim.deep_equal(shape(before), shape(after)), 'headers, keys or comments changed')
  end)

  check(':AwsEffectiveProfile shows the profile under the cursor', function()
    local c = need_client()
    local commands = (c.server_capabilities.executeCommandProvider or {}).commands or {}
    expect(
      vim.tbl_contains(commands, 'aws-config-lsp.effectiveProfile'),
      'the server does not list aws-config-lsp.effectiveProfile: ' .. json_of(commands)
    )
    close_floats()
    local first_notification = #notifications + 1
    focus(config_buf, row_of(config_buf, 'role_arn = arn:aws:iam::123456789012:role/Deploy'), 0)
    vim.cmd('AwsEffectiveProfile')
    local shown
    wait_for('a float with the deploy profile, or an error', function()
      for i = first_notification, #notifications do
        if notifications[i].level == vim.log.levels.ERROR then
          fail('error: ' .. notifications[i].msg)
        end
      end
      for _, f in ipairs(floats()) do
        if f.text:find('deploy', 1, true) then
          shown = f.text
          return true
        end
      end
    end)
    expect(shown:find('arn:aws:iam::123456789012:role/Deploy', 1, true), 'no role_arn in ' .. json_of(shown:sub(1, 300)))
    expect(not shown:find(SECRET, 1, true), 'the secret key is shown in full')
    close_floats()
  end)

  check(':AwsValidateProfile gets an answer (result or error)', function()
    need_client()
    local answer
    require('aws-config-lsp').validate_profile('shared-base', function(err, result)
      answer = { err = err, result = result }
    end)
    -- No real AWS here: run.sh points the STS endpoint at a closed local port.
    wait_for('the validateProfile answer', function()
      return answer ~= nil
    end, 30000)
    close_floats()
    if answer.err then
      return 'error: ' .. tostring(answer.err.message):sub(1, 100)
    end
    return 'result: ' .. json_of(answer.result):sub(1, 100)
  end)

  check('lsp: the server shuts down and exits when Neovim stops it', function()
    local c = need_client()
    c:stop()
    -- Not wait_for: here the server is meant to exit.
    local stopped = vim.wait(TIMEOUT, function()
      return c:is_stopped() and server_exit ~= nil
    end, 20)
    expect(stopped, 'the server did not exit within ' .. TIMEOUT .. ' ms')
    expect(server_exit == nil or server_exit:find('code 0', 1, true), 'exit ' .. tostring(server_exit))
  end, { core = true })
end

local function log_tail()
  local path = vim.lsp.get_log_path()
  if vim.fn.filereadable(path) == 0 then
    return
  end
  local log = vim.fn.readfile(path)
  if #log == 0 then
    return
  end
  out('--- last lines of the LSP log (' .. path .. ')')
  for i = math.max(1, #log - 30), #log do
    out(log[i]:sub(1, 400))
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = xpcall(run, debug.traceback)
      if not ok then
        failed = failed + 1
        out('FAIL harness: ' .. tostring(err))
      end
      if failed > 0 then
        log_tail()
      end
      out(('neovim-e2e: %d passed, %d failed'):format(passed, failed))
      vim.cmd(failed > 0 and 'cquit 1' or 'qall!')
    end)
  end,
})
