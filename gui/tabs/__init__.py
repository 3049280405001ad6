"""The bottom teaching tabs, each a live view on the same Session.

One sub-package per tab (lesson, formula, noise, vectorization, sweep), listed in the Qt-free
``registry``; ``teaching_tabs.TeachingTabs`` builds them. This package imports no Qt itself,
so the state layer may read the registry.
"""
