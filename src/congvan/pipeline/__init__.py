"""Many documents from one template and a table: read the table, check every row, render, stage, manifest.

Generic: it knows tables (`tables`: CSV, XLSX, YAML, with their encodings and cells) and the
mail merge (`merge`), never a campaign. Campaigns (`congvan.campaigns`) call it.
"""
