/**
 * Migration 14: the organisation's canned messages (issue 19), the ready answers agents pick in the chat
 * box. Released: never edit it; add the next migration.
 */
export default `
  -- One row per canned message. name_key is the name in lower case as JavaScript folds it
  -- (String.prototype.toLowerCase, every script), so names are unique case-insensitively beyond ASCII,
  -- which SQLite's NOCASE and lower() are not. texts is a JSON object, language → text: the texts are only
  -- ever read and replaced with their message, never searched by language, so a child table would add a
  -- join and a row per language for nothing.
  CREATE TABLE canned_messages (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    texts TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `;
