"""What a trainer takes into the room: agenda, slides, handouts and the day's pack, made from the modules."""
