"""Assessment: monthly activities, milestone gates, the level rubric, KPIs and the skills matrix."""
