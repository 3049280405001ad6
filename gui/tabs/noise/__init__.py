"""The Noise & likelihood tab: why the squared loss, and when another loss is the right one."""
