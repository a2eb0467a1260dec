/** How execution times are grouped for people: the dashboard's 1-2-5 histogram bins. */
package io.dwpilot.models.latency;
