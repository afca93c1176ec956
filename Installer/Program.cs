// Placeholder entry point until the installer lands.
return 0;
