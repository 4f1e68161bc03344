-- Filetype detection for the AWS shared config and credentials files.
--
-- Neovim's own detection calls `~/.aws/config` and `~/.aws/credentials` `confini`; the
-- patterns here have a higher priority, so they win. The files named by AWS_CONFIG_FILE and
-- AWS_SHARED_CREDENTIALS_FILE are recognised too (read when the file is opened, so a change
-- of the variable inside Neovim is seen).
local M = {}

M.CONFIG = 'aws-config'
M.CREDENTIALS = 'aws-credentials'

local uv = vim.uv or vim.loop

local function normalize(path)
  if path == nil or path == '' then
    return nil
  end
  local full = vim.fn.fnamemodify(vim.fs.normalize(path), ':p')
  return uv.fs_realpath(full) or full
end

--- The filetype a path has through AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, or nil.
---@param path string
---@return string?
function M.from_environment(path)
  local config = vim.env.AWS_CONFIG_FILE
  local credentials = vim.env.AWS_SHARED_CREDENTIALS_FILE
  if (config == nil or config == '') and (credentials == nil or credentials == '') then
    return nil
  end
  local target = normalize(path)
  if target == nil then
    return nil
  end
  if normalize(config) == target then
    return M.CONFIG
  end
  if normalize(credentials) == target then
    return M.CREDENTIALS
  end
  return nil
end

local done = false

--- Registers the detection once (the plugin file calls it at startup).
function M.setup()
  if done then
    return
  end
  done = true
  -- Priority above the built-in patterns (0), so these win over `confini`.
  local priority = { priority = 100 }
  vim.filetype.add({
    pattern = {
      ['.*/%.aws/config'] = { M.CONFIG, priority },
      ['.*/%.aws/credentials'] = { M.CREDENTIALS, priority },
      ['.*'] = {
        function(path)
          return M.from_environment(path)
        end,
        priority,
      },
    },
  })
  -- Highlight with a tree-sitter `ini` parser when the user has one and turns it on.
  if vim.treesitter and vim.treesitter.language and vim.treesitter.language.register then
    pcall(vim.treesitter.language.register, 'ini', { M.CONFIG, M.CREDENTIALS })
  end
end

return M
