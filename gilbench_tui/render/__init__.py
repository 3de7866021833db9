"""Text formatting of results for the terminal: tables and plotext charts. No Textual here."""
