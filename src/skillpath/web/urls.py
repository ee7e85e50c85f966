from django.urls import path

from skillpath.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.roadmap, name="roadmap"),
    path("c/<slug:slug>/months/<int:number>/", views.month, name="month"),
    path("c/<slug:slug>/topics/<slug:topic_slug>/", views.topic, name="topic"),
    path("c/<slug:slug>/projects/", views.projects, name="projects"),
    path("c/<slug:slug>/assessment/", views.assessment, name="assessment"),
]
