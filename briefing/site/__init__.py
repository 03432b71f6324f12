"""The site side: HTML pages through MkDocs and Material, the search index."""
