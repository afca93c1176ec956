// Placeholder entry point until the host core lands.
return 0;
