"""uke8: the week-8 conversation for people on sick leave, and the case store behind it."""
