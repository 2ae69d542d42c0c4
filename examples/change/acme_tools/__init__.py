"""acme_tools: a small example package that the README's review runs on."""
