"""Presentation without Streamlit: texts in each language, charts, figures, the slide deck, identity and summaries."""
