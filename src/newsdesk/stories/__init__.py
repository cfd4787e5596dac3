"""Stories: the coverage of one event across sources, and each article's place in one."""
