/**
 * The agent society (Pekko typed actors), the query gateway and the decision journal. The journal's tables are
 * created by the persistence module's migrations; the agents arrive with the agent society.
 */
package io.dwpilot.agents;
