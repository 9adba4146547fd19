"""IT review toolkit (Qt-free): lint rules and policies, SARIF, semantic diff, three-way merge,
HTML review reports and content approvals for ``*.fieldcraft.json`` model files."""
