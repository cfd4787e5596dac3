"""The site's management commands: ``makemessages`` that also reads the Jinja2 templates."""
