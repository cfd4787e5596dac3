"""The reader web app: pages rendered by Django templates."""
