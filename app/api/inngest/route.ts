import { serve } from "inngest/next";

import { inngest } from "~/server/jobs/client";
import { appFunctions } from "~/server/jobs/functions";

export const { GET, POST, PUT } = serve({ client: inngest, functions: appFunctions() });
